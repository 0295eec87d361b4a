package web

import "strconv"

// barChart is the geometry of a bar chart, computed here so the SVG template
// only places what it is given. Charts are drawn on the server: they show
// without JavaScript, print, and cost nothing on a phone.
type barChart struct {
	ID     string // prefix of the element ids the SVG's labels point to
	Title  string // what the chart shows, read out by screen readers
	Desc   string // the data in one sentence, for screen readers
	Width  int
	Height int
	Base   float64 // y of the baseline
	Bars   []bar
	Empty  bool // all values are zero
}

// bar is one bar with its label and value text positions.
type bar struct {
	Label  string
	Value  int64
	X, W   float64
	Y, H   float64
	LabelX float64
	ValueY float64
}

// Chart layout in viewBox units; CSS scales the SVG to its container.
const (
	chartWidth  = 400
	chartHeight = 180
	chartTop    = 20 // room for value labels above the tallest bar
	chartBottom = 24 // room for the category labels
	barGap      = 0.25
)

// newBarChart lays out one bar per label.
func newBarChart(id, title string, labels []string, values []int64) barChart {
	c := barChart{ID: id, Title: title, Width: chartWidth, Height: chartHeight, Base: chartHeight - chartBottom}
	var top int64
	for _, v := range values {
		top = max(top, v)
	}
	c.Empty = top == 0
	if len(labels) == 0 {
		return c
	}
	slot := float64(chartWidth) / float64(len(labels))
	for i, label := range labels {
		b := bar{Label: label, Value: values[i], W: slot * (1 - barGap)}
		b.X = float64(i)*slot + slot*barGap/2
		b.LabelX = b.X + b.W/2
		if top > 0 {
			b.H = float64(values[i]) / float64(top) * (c.Base - chartTop)
		}
		b.Y = c.Base - b.H
		b.ValueY = b.Y - 5
		c.Bars = append(c.Bars, b)
	}
	c.Desc = describe(labels, values)
	return c
}

// describe lists the non-zero values: "1980s: 4, 1990s: 6".
func describe(labels []string, values []int64) string {
	s := ""
	for i, l := range labels {
		if values[i] == 0 {
			continue
		}
		if s != "" {
			s += ", "
		}
		s += l + ": " + strconv.FormatInt(values[i], 10)
	}
	if s == "" {
		return "No data yet."
	}
	return s + "."
}
