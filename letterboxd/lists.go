package letterboxd

import (
	"encoding/csv"
	"io"
	"strings"
)

// A list file holds two tables: the list itself, then its films.
//
//	Letterboxd list export v7        (newer exports; older ones leave the line empty)
//	Date,Name,Tags,URL,Description
//	2019-09-18,Zatoichi,,https://boxd.it/3Y4XO,
//	                                 (empty line)
//	Position,Name,Year,URL,Description
//	1,The Tale of Zatoichi,1962,https://boxd.it/1JMq,
var (
	listSpec  = spec{required: []string{colDate, colName, "URL"}, optional: []string{colTags, "Description"}}
	entrySpec = spec{required: []string{"Position", colName, colYear, "URL"}, optional: []string{"Description"}}
)

// listMarker starts the first line of newer list files.
const listMarker = "Letterboxd list export"

// ListVersion is the first line reel writes in list files.
const ListVersion = listMarker + " v7"

func (r *reader) readList(exp *Export, name string) error {
	data, err := r.load(name)
	if err != nil {
		return err
	}
	cr := newCSV(data)
	rec, src, err := r.next(name, cr)
	if err == nil && len(rec) == 1 && strings.HasPrefix(rec[0], listMarker) {
		rec, src, err = r.next(name, cr)
	}
	if err == io.EOF {
		return inputError(Source{File: name}, "empty list file; expected the header %s", strings.Join(listSpec.required, ","))
	}
	if err != nil {
		return err
	}
	list, err := readListHead(r, name, cr, rec, src)
	if err != nil {
		return err
	}
	if err := readListEntries(r, name, cr, &list); err != nil {
		return err
	}
	exp.Lists = append(exp.Lists, list)
	return nil
}

// readListHead reads the list's own row under the header rec.
func readListHead(r *reader, name string, cr *csv.Reader, rec []string, src Source) (List, error) {
	t := &table{r: r, name: name, cr: cr}
	if err := t.setHeader(rec, src, listSpec); err != nil {
		return List{}, err
	}
	if !t.next() {
		if t.err != nil {
			return List{}, t.err
		}
		return List{}, inputError(src, "no list row under the header")
	}
	list := List{
		Source:      t.src,
		Date:        t.date(colDate),
		Name:        t.text(colName),
		Tags:        splitTags(t.str(colTags)),
		URL:         t.text("URL"),
		Description: t.str("Description"),
	}
	return list, t.err
}

// readListEntries reads the films table; a list may have none.
func readListEntries(r *reader, name string, cr *csv.Reader, list *List) error {
	rec, src, err := r.next(name, cr)
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return err
	}
	t := &table{r: r, name: name, cr: cr}
	if err := t.setHeader(rec, src, entrySpec); err != nil {
		return err
	}
	ranked := true
	for t.next() {
		e := ListEntry{
			Source:      t.src,
			Film:        Film{Name: t.text(colName), Year: t.year(colYear), URI: t.text("URL")},
			Position:    t.number("Position"),
			Description: t.str("Description"),
		}
		ranked = ranked && e.Position > 0
		list.Entries = append(list.Entries, e)
	}
	list.Ranked = ranked && len(list.Entries) > 0
	return t.err
}
