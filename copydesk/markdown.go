package copydesk

import "strings"

// fromMarkdown keeps the text of a Markdown review: it drops block markers
// (headings, quotes, list bullets, fences, rules), emphasis, code ticks,
// spoiler markers and link targets, and makes each heading, list item and
// paragraph a paragraph of its own. It reads the common subset critics use,
// not every corner of CommonMark.
func fromMarkdown(in string) *plain {
	p := newPlain(len(in))
	for pos := 0; pos < len(in); {
		end := strings.IndexByte(in[pos:], '\n')
		if end < 0 {
			end = len(in)
		} else {
			end += pos
		}
		mdLine(p, in, pos, end)
		pos = end + 1
	}
	return p
}

// mdLine handles one line, in[from:to], without its newline.
func mdLine(p *plain, in string, from, to int) {
	i := from
	for i < to && (in[i] == ' ' || in[i] == '\t') {
		i++
	}
	line := in[i:to]
	switch {
	case strings.TrimSpace(line) == "", isRule(line), strings.HasPrefix(line, "```"), strings.HasPrefix(line, "~~~"):
		p.breakAt(from)
		return
	}
	own := false // the line is a paragraph of its own
	for i < to && in[i] == '>' && !strings.HasPrefix(in[i:to], ">!") {
		i++
		for i < to && in[i] == ' ' {
			i++
		}
	}
	if n := headingMarker(in[i:to]); n > 0 {
		i += n
		own = true
	} else if n := listMarker(in[i:to]); n > 0 {
		i += n
		own = true
	}
	if own {
		p.breakAt(from)
	}
	mdInline(p, in, i, to)
	if own {
		p.breakAt(to)
	} else if to < len(in) {
		p.add("\n", to, to+1)
	}
}

func isRule(line string) bool {
	s := strings.ReplaceAll(strings.TrimSpace(line), " ", "")
	if len(s) < 3 {
		return false
	}
	return strings.Trim(s, "-") == "" || strings.Trim(s, "*") == "" || strings.Trim(s, "_") == ""
}

// headingMarker is the length of a leading "## " or 0.
func headingMarker(s string) int {
	n := 0
	for n < len(s) && n < 6 && s[n] == '#' {
		n++
	}
	if n > 0 && (n == len(s) || s[n] == ' ') {
		return min(n+1, len(s))
	}
	return 0
}

// listMarker is the length of a leading "- ", "* ", "+ " or "12. " or 0.
func listMarker(s string) int {
	if len(s) >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ' {
		return 2
	}
	n := 0
	for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 && n+1 < len(s) && (s[n] == '.' || s[n] == ')') && s[n+1] == ' ' {
		return n + 2
	}
	return 0
}

// mdInline copies in[from:to] without inline markup.
func mdInline(p *plain, in string, from, to int) {
	for i := from; i < to; {
		c := in[i]
		switch {
		case c == '\\' && i+1 < to && isPunct(in[i+1]):
			p.copyRun(in, i+1, i+2)
			i += 2
		case c == '*' || c == '`' || c == '~' && i+1 < to && in[i+1] == '~':
			i = skipRun(in, i, to, c)
		case c == '_' && !(i > from && isWordByte(in[i-1]) && i+1 < to && isWordByte(in[i+1])):
			i = skipRun(in, i, to, c)
		case c == '|' && i+1 < to && in[i+1] == '|', c == '>' && i+1 < to && in[i+1] == '!', c == '!' && i+1 < to && in[i+1] == '<':
			i += 2
		case c == '!' && i+1 < to && in[i+1] == '[':
			i++
		case c == '[' || c == ']' && !linkTarget(in, i+1, to):
			i++
		case c == ']':
			i = skipTarget(in, i+1, to)
		case c == '<':
			if name, _ := tagName(in[i:to]); name != "" {
				if k := strings.IndexByte(in[i:to], '>'); k >= 0 {
					i += k + 1
					continue
				}
			}
			p.copyRun(in, i, i+1)
			i++
		case c == '&':
			i = htmlEntity(p, in[:to], i)
		default:
			j := i + 1
			for j < to && !isMarkup(in[j]) {
				j++
			}
			p.copyRun(in, i, j)
			i = j
		}
	}
}

func isMarkup(c byte) bool {
	return strings.IndexByte("\\*`~_|>![]<&", c) >= 0
}

func isPunct(c byte) bool { return strings.IndexByte("\\`*_{}[]()#+-.!|<>~", c) >= 0 }

func isWordByte(c byte) bool {
	return c >= 0x80 || isASCIILetter(c) || c >= '0' && c <= '9'
}

func skipRun(in string, i, to int, c byte) int {
	for i < to && in[i] == c {
		i++
	}
	return i
}

// linkTarget reports whether "(url)" follows a "]" at in[i-1].
func linkTarget(in string, i, to int) bool {
	return i < to && in[i] == '(' && strings.IndexByte(in[i:to], ')') > 0
}

// skipTarget returns the offset after the "(url)" at in[i].
func skipTarget(in string, i, to int) int {
	return i + strings.IndexByte(in[i:to], ')') + 1
}
