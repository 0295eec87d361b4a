package markup

import "strings"

// goldmark's time grows with the square of two things a review never needs
// much of, so a hostile 100 KB body could take seconds of CPU: the nesting
// of containers on one line ("> - > - …") and the length of a line without
// spaces that is full of link openers ("[a]([a]([a](…", where every "(" scans
// to the end of the line for its ")"). limitCost rewrites just those inputs,
// in linear time, so Render stays within tens of milliseconds for any body
// under the size limit; ordinary text is returned unchanged.

const (
	// maxNesting bounds the block quotes and list items opened at the start
	// of one line; deeper markers are escaped and shown as text.
	maxNesting = 16
	// maxWord is the longest run without spaces in which "(" may open a link
	// destination; longer runs (no URL is this long) get their "(" escaped.
	maxWord = 4096
)

func limitCost(s string) string {
	if !strings.ContainsAny(s, ">-*+.)(") {
		return s
	}
	var b strings.Builder
	changed := false
	for line := range strings.Lines(s) {
		out := limitNesting(line)
		out = limitWords(out)
		changed = changed || len(out) != len(line)
		b.WriteString(out)
	}
	if !changed {
		return s
	}
	return b.String()
}

// limitNesting escapes the container markers after the first maxNesting at
// the start of line: '>' and list bullets (-, *, + or 1. 1) and a space).
func limitNesting(line string) string {
	depth := 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			i++
			continue
		case c == '>':
			if depth++; depth > maxNesting {
				return line[:i] + `\` + line[i:]
			}
			i++
			continue
		}
		n := listMarker(line[i:])
		if n == 0 {
			return line
		}
		if depth++; depth > maxNesting {
			// Escape the marker's last character: "\-", "1\.".
			return line[:i+n-1] + `\` + line[i+n-1:]
		}
		i += n
	}
	return line
}

// listMarker returns the length of a list marker (without its space) at the
// start of s, followed by a space or tab, or 0.
func listMarker(s string) int {
	n := 0
	if len(s) > 0 && (s[0] == '-' || s[0] == '*' || s[0] == '+') {
		n = 1
	} else {
		for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(s) || (s[n] != '.' && s[n] != ')') {
			return 0
		}
		n++
	}
	if n < len(s) && (s[n] == ' ' || s[n] == '\t') {
		return n
	}
	return 0
}

// limitWords escapes every '(' in runs of more than maxWord bytes without
// a space.
func limitWords(line string) string {
	if len(line) <= maxWord {
		return line
	}
	var b strings.Builder
	start := 0
	flush := func(end int) {
		word := line[start:end]
		if len(word) <= maxWord || !strings.Contains(word, "(") {
			b.WriteString(word)
			return
		}
		escaped := false // the previous byte is an unescaped backslash
		for j := 0; j < len(word); j++ {
			if word[j] == '(' && !escaped {
				b.WriteByte('\\')
			}
			escaped = word[j] == '\\' && !escaped
			b.WriteByte(word[j])
		}
	}
	for i := 0; i < len(line); i++ {
		if c := line[i]; c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			flush(i)
			b.WriteByte(c)
			start = i + 1
		}
	}
	flush(len(line))
	return b.String()
}
