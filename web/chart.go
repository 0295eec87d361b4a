package web

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// barChart is a bar chart's data and geometry. Charts are drawn on the
// server: they show without JavaScript, print, and cost nothing on a phone.
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

// HTML draws the chart: an SVG with a title and description for screen
// readers, and the numbers in a table under a disclosure, which is also
// what print and text browsers show. It is written here rather than in a
// template because a chart is dozens of numbers, and formatting them in Go
// costs a tenth of executing a template action per number. Every text goes
// through template.HTMLEscapeString.
func (c barChart) HTML() template.HTML {
	var b strings.Builder
	esc := template.HTMLEscapeString
	id := esc(c.ID)
	fmt.Fprintf(&b, `<figure class="chart"><svg class="chart__svg" viewBox="0 0 %d %d" role="img" aria-labelledby="%s-title %s-desc">`, c.Width, c.Height, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, esc(c.Title), id, esc(c.Desc))
	fmt.Fprintf(&b, `<line class="chart__axis" x1="0" x2="%d" y1="%s" y2="%s"/>`, c.Width, num(c.Base), num(c.Base))
	for _, bar := range c.Bars {
		b.WriteString(`<g class="chart__bar">`)
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" rx="2"/>`, num(bar.X), num(bar.Y), num(bar.W), num(bar.H))
		if bar.Value != 0 {
			fmt.Fprintf(&b, `<text class="chart__value" x="%s" y="%s" text-anchor="middle">%d</text>`, num(bar.LabelX), num(bar.ValueY), bar.Value)
		}
		fmt.Fprintf(&b, `<text class="chart__label" x="%s" y="%d" dy="-6" text-anchor="middle">%s</text></g>`, num(bar.LabelX), c.Height, esc(bar.Label))
	}
	fmt.Fprintf(&b, `</svg><details class="chart__data"><summary>Show the numbers</summary><table><caption class="visually-hidden">%s</caption><tbody>`, esc(c.Title))
	for _, bar := range c.Bars {
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td>%d</td></tr>`, esc(bar.Label), bar.Value)
	}
	b.WriteString(`</tbody></table></details></figure>`)
	return template.HTML(b.String())
}

// num formats a coordinate with at most one decimal.
func num(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }
