package grade

// This file is self-contained (it uses nothing else in the package) so it
// can move to the package that renders review bodies.

import (
	"sort"
	"strings"
)

// Span is one inline spoiler in a Markdown text, in byte offsets:
// text[Start:End] is the whole markup, markers included ("||…||" or
// ">!…!<"), and text[InnerStart:InnerEnd] is what it hides.
type Span struct {
	Start, End           int
	InnerStart, InnerEnd int
}

// Spoilers finds the inline spoiler markup in a Markdown review body:
// Discord's ||…|| and Reddit's >!…!<. The result is sorted by Start and
// properly nested: spans either contain one another or do not touch, so a
// renderer can hide them as nested elements. Nil means none.
//
// The rules:
//   - Markers pair innermost first. ||…|| cannot nest in itself (the
//     second || closes), but >!…!< can, and the two kinds nest in each
//     other. A closer skips over markers opened inside its span and left
//     open; those stay literal text.
//   - An unterminated marker is not a spoiler, and neither is an empty
//     pair (|||| or >!!<).
//   - Spans may cross lines and paragraphs, since critics wrap the last
//     paragraphs of a review, which give the ending away.
//   - Nothing inside code counts: `code spans` (closed by a run of as
//     many backticks, within the paragraph), fenced blocks (``` or ~~~,
//     to the closing fence or the end) and indented blocks (four spaces
//     after a blank line, outside lists).
//   - A backslash escapes a marker character: \||, \>!.
func Spoilers(markdown string) []Span {
	p := spoilerParser{s: markdown, blocks: scanBlocks(markdown), noCloser: map[int]int{}}
	p.run()
	sort.Slice(p.spans, func(i, j int) bool { return p.spans[i].Start < p.spans[j].Start })
	return p.spans
}

type spoilerParser struct {
	s        string
	blocks   blocks
	stack    []opener
	spans    []Span
	noCloser map[int]int // backtick run length → a stop before which no closing run exists
}

// opener is a marker waiting for its closer: kind '|' for ||, '>' for >!.
type opener struct {
	kind byte
	pos  int
}

func (p *spoilerParser) run() {
	s := p.s
	next := 0 // index of the next code block in p.blocks.code
	for i := 0; i < len(s); {
		for next < len(p.blocks.code) && p.blocks.code[next].end <= i {
			next++
		}
		if next < len(p.blocks.code) && i >= p.blocks.code[next].start {
			i = p.blocks.code[next].end
			continue
		}
		two := ""
		if i+1 < len(s) {
			two = s[i : i+2]
		}
		switch {
		case s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			i += 2
		case s[i] == '`':
			i = p.skipCode(i)
		case two == "||":
			if !p.close('|', i) {
				p.stack = append(p.stack, opener{'|', i})
			}
			i += 2
		case two == ">!":
			p.stack = append(p.stack, opener{'>', i})
			i += 2
		case two == "!<":
			p.close('>', i)
			i += 2
		default:
			i = skipToMark(s, i+1)
		}
	}
}

// skipToMark returns the first byte from i that may start a mark run
// reads (an escape, a code span, a spoiler marker), or len(s): the text
// between is nothing to it, and scanning it byte by byte cost a review
// more than the rest of the parse. A code block inside it is skipped all
// the same, as run checks the blocks wherever it stops.
func skipToMark(s string, i int) int {
	if k := strings.IndexAny(s[i:], "\\`|>!"); k >= 0 {
		return i + k
	}
	return len(s)
}

// close pairs the closing marker at pos with the innermost open marker of
// its kind, reporting whether there was one. Markers opened after that one
// are dropped: they were left open inside the span, so they are text.
func (p *spoilerParser) close(kind byte, pos int) bool {
	for k := len(p.stack) - 1; k >= 0; k-- {
		if p.stack[k].kind != kind {
			continue
		}
		op := p.stack[k]
		p.stack = p.stack[:k]
		if pos > op.pos+2 {
			p.spans = append(p.spans, Span{Start: op.pos, End: pos + 2, InnerStart: op.pos + 2, InnerEnd: pos})
		}
		return true
	}
	return false
}

// skipCode handles the backtick run at i: if a run of the same length
// closes it before the paragraph ends, the whole code span is skipped;
// otherwise the run is literal. It returns where scanning resumes.
func (p *spoilerParser) skipCode(i int) int {
	s := p.s
	k := runLength(s, i, '`')
	stop := p.blocks.stopAfter(i)
	// The memo makes many unmatched runs linear: once a search from an
	// earlier run of length k found nothing up to stop, none from here will.
	if p.noCloser[k] == stop {
		return i + k
	}
	for j := i + k; j < stop; {
		if s[j] != '`' {
			j++
			continue
		}
		m := runLength(s, j, '`')
		if m == k {
			return j + m
		}
		j += m
	}
	p.noCloser[k] = stop
	return i + k
}

func runLength(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

func isASCIIPunct(c byte) bool {
	return c > ' ' && c < 0x7f && !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')
}

// blocks is the block structure the inline scan needs: where code blocks
// are, and where a code span has to end (blank lines and code blocks).
type blocks struct {
	code  []region // fenced and indented code blocks, in order
	stops []int    // sorted starts of blank lines and code blocks
	end   int      // length of the text: the last stop
}

type region struct{ start, end int }

// stopAfter is the first stop after i, or the end of the text.
func (b blocks) stopAfter(i int) int {
	k := sort.SearchInts(b.stops, i+1)
	if k < len(b.stops) {
		return b.stops[k]
	}
	return b.end
}

// scanBlocks finds code blocks line by line, following CommonMark closely
// enough for review bodies: fences of three or more ` or ~ (indented at
// most three spaces, or any amount inside a list), closed by a fence of
// the same character at least as long; indented code after a blank line
// or more indented code, except inside a list, where indentation means a
// continued list item.
func scanBlocks(s string) blocks {
	var b blocks
	var fence struct {
		ch    byte
		n     int
		start int
		open  bool
	}
	prevBlank, prevCode, inList := true, false, false
	for pos := 0; pos < len(s); {
		end := strings.IndexByte(s[pos:], '\n')
		next := len(s)
		if end >= 0 {
			next = pos + end + 1
		}
		line := strings.TrimRight(s[pos:next], "\r\n")
		indent, rest := indentation(line)
		blank := strings.TrimSpace(line) == ""
		switch {
		case fence.open:
			if (indent <= 3 || inList) && runLength(rest, 0, fence.ch) >= fence.n &&
				strings.Trim(rest, string(fence.ch)+" \t") == "" {
				b.code = append(b.code, region{fence.start, next})
				fence.open = false
			}
		case (indent <= 3 || inList) && opensFence(rest):
			fence.ch, fence.n, fence.start, fence.open = rest[0], runLength(rest, 0, rest[0]), pos, true
			b.stops = append(b.stops, pos)
		case blank:
			b.stops = append(b.stops, pos)
		case indent >= 4 && !inList && (prevBlank || prevCode):
			if prevCode && len(b.code) > 0 && b.code[len(b.code)-1].end == pos {
				b.code[len(b.code)-1].end = next
			} else {
				b.code = append(b.code, region{pos, next})
				b.stops = append(b.stops, pos)
			}
			prevCode = true
			prevBlank = false
			pos = next
			continue
		case indent <= 3 && isListItem(rest):
			inList = true
		case indent == 0 && prevBlank:
			inList = false // a new paragraph at the margin ends the list
		}
		prevBlank, prevCode = blank && !fence.open, false
		pos = next
	}
	if fence.open {
		b.code = append(b.code, region{fence.start, len(s)})
	}
	b.end = len(s)
	return b
}

// indentation measures leading spaces and tabs in columns (tabs to the
// next multiple of four) and returns the line after them.
func indentation(line string) (int, string) {
	col, i := 0, 0
	for ; i < len(line); i++ {
		switch line[i] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return col, line[i:]
		}
	}
	return col, ""
}

// opensFence reports whether a line (after its indentation) opens a fenced
// code block: three or more ` or ~, and for backticks an info string
// without backticks (else it is inline code, like ```x```).
func opensFence(rest string) bool {
	if rest == "" || rest[0] != '`' && rest[0] != '~' {
		return false
	}
	n := runLength(rest, 0, rest[0])
	return n >= 3 && !(rest[0] == '`' && strings.ContainsRune(rest[n:], '`'))
}

// isListItem reports whether a line (after its indentation) starts a list
// item: -, * or + and a space, or up to nine digits, . or ) and a space.
func isListItem(rest string) bool {
	if len(rest) >= 1 && strings.ContainsRune("-*+", rune(rest[0])) {
		return len(rest) == 1 || rest[1] == ' ' || rest[1] == '\t'
	}
	d := 0
	for d < len(rest) && d < 9 && rest[d] >= '0' && rest[d] <= '9' {
		d++
	}
	if d == 0 || d >= len(rest) || rest[d] != '.' && rest[d] != ')' {
		return false
	}
	return d+1 == len(rest) || rest[d+1] == ' ' || rest[d+1] == '\t'
}
