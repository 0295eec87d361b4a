// Package letterboxd reads and writes Letterboxd account exports, and
// matches the films they name to the catalog. It knows nothing of storage:
// the importer stores an Export, the exporter builds one.
//
// # Reading
//
// Open takes the export's .zip or its unpacked folder; Read takes any
// fs.FS. Both read diary.csv (rewatches are separate rows), reviews.csv,
// ratings.csv, watched.csv, watchlist.csv, likes/films.csv, comments.csv
// and lists/*.csv, in the old list layout (first line empty) and the newer
// one (first line "Letterboxd list export v7"). Other files (profile.csv,
// which holds the e-mail address, deleted/, likes/lists.csv …) are listed
// in Export.Ignored. An export zipped inside one folder reads the same.
//
// Columns are found by header name, in any order; extra columns are
// ignored. Every row keeps its Source, file and line, for reports. A
// review in reviews.csv that describes a diary entry (same link, or same
// name, year and watch date) is joined to that entry, so it is stored
// once. Ratings are kept as written (Stars), blank when unrated; review
// HTML is kept raw with its line breaks, for the importer to sanitise.
//
// Bad input fails the whole read with a reel.Invalid error naming the file
// and line: a missing column (naming those expected and found), broken
// quoting, a row of the wrong width, a bad date, year or rating, text that
// is not UTF-8 (a leading UTF-8 byte order mark is fine), and, in a zip,
// entries with absolute or ".." paths, links, or sizes past the limits
// (MaxFiles, MaxTotalBytes, MaxFileBytes, MaxRows, MaxRatio). Nothing is
// returned half-read.
//
// # Matching
//
// A Matcher matches each film to a Catalog by the match key of its title
// or an alternate title (reel/matchkey). A film of the same year matches;
// failing that, one a year off does. Among several, the same year wins,
// then a film with PopularityMargin times the votes of the next; otherwise
// the row is ambiguous and the report lists the candidates. A row without
// a year matches only a unique or clearly most popular film.
//
// The member settles the rest with a resolution file, a CSV with an
// optional header and # comments:
//
//	letterboxd_uri_or_title,year,imdb_id
//	# the ids here are placeholders
//	https://boxd.it/aaA2,,tt0000103
//	"Eight, Nine, Ten",2019,tt0000110
//	Nobody's Kite,,tt0000107
//
// A line whose first field is a link (https://…, boxd.it/…) resolves the
// row with that link; any other line resolves every row with that title
// (compared by match key) and year, or with that title in any year when
// the year is blank. A line with a blank id is skipped. Resolutions win over the catalog. Report's
// WriteResolutions writes a template with every open film.
//
// # Writing
//
// WriteZip writes an Export as letterboxd-import.csv, which Letterboxd's
// importer reads (ImportColumns), letterboxd-import-watchlist.csv, the
// export layout that Read reads, and reel/films.csv, which records each
// film's IMDb id so that re-importing reel's export matches exactly.
// Output is deterministic: writing what Read returns gives the same bytes.
package letterboxd
