package corpus

import (
	"fmt"
	"path/filepath"
	"strings"
)

// SST reads one split ("train" or "dev") of the SST-5 PTB trees. Label is
// the root label 0–4, Score is label × 25, Text is the leaves joined back
// into ordinary text (see Detokenize).
func SST(dir, split string) ([]Doc, error) {
	ls, err := lines(filepath.Join(dir, "sst5-ptb-trees", "trees", split+".txt"))
	if err != nil {
		return nil, err
	}
	docs := make([]Doc, 0, len(ls))
	for i, l := range ls {
		if strings.TrimSpace(l) == "" {
			continue
		}
		label, leaves, err := ParseTree(l)
		if err != nil {
			return nil, fmt.Errorf("corpus: sst %s line %d: %v", split, i+1, err)
		}
		docs = append(docs, Doc{Text: Detokenize(leaves), Label: label, Score: float64(label) * 25,
			Group: split, ID: fmt.Sprintf("%s:%d", split, i+1)})
	}
	return docs, nil
}

// Node is one labelled phrase of an SST tree: the sentiment annotators
// gave every node of every parse tree a label, so a sentence of n words
// yields about 2n labelled phrases, from single words up to the sentence.
type Node struct {
	Text  string
	Label int // 0–4
	Tree  int // index of the sentence in SST(dir, split)
}

// SSTNodes returns every node of one split's trees, leaves included, in
// tree order and bottom-up within a tree (the root, the whole sentence,
// last). Phrases repeat across trees; callers deduplicate.
func SSTNodes(dir, split string) ([]Node, error) {
	ls, err := lines(filepath.Join(dir, "sst5-ptb-trees", "trees", split+".txt"))
	if err != nil {
		return nil, err
	}
	var out []Node
	tree := 0
	for i, l := range ls {
		if strings.TrimSpace(l) == "" {
			continue
		}
		nodes, err := treeNodes(l)
		if err != nil {
			return nil, fmt.Errorf("corpus: sst %s line %d: %v", split, i+1, err)
		}
		for _, n := range nodes {
			n.Tree = tree
			out = append(out, n)
		}
		tree++
	}
	return out, nil
}

// treeNodes lists the labelled phrases of one tree, children before their
// parent.
func treeNodes(s string) ([]Node, error) {
	type open struct{ label, first int }
	var stack []open
	var leaves []string
	var out []Node
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '(':
			if i+1 >= len(s) || s[i+1] < '0' || s[i+1] > '4' {
				return nil, fmt.Errorf("node without a label")
			}
			stack = append(stack, open{int(s[i+1] - '0'), len(leaves)})
			i++
		case c == ')':
			if len(stack) == 0 {
				return nil, fmt.Errorf("unbalanced parentheses")
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			out = append(out, Node{Text: Detokenize(leaves[o.first:]), Label: o.label})
		case c == ' ' && i+1 < len(s) && s[i+1] != '(':
			k := i + 1
			for k < len(s) && s[k] != ')' {
				k++
			}
			leaves = append(leaves, s[i+1:k])
			i = k - 1
		}
	}
	if len(stack) != 0 {
		return nil, fmt.Errorf("unbalanced parentheses")
	}
	return out, nil
}

// ParseTree returns the root label and the leaf tokens of one PTB tree
// such as "(3 (2 It) (4 (3 good) (2 .)))".
func ParseTree(s string) (int, []string, error) {
	s = strings.TrimSpace(s)
	if len(s) < 4 || s[0] != '(' || s[1] < '0' || s[1] > '4' {
		return 0, nil, fmt.Errorf("not a labelled tree")
	}
	root := int(s[1] - '0')
	var leaves []string
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
			// skip the label
			for i+1 < len(s) && s[i+1] != ' ' {
				i++
			}
		case ')':
			depth--
		case ' ':
			j := i + 1
			if j < len(s) && s[j] != '(' {
				k := j
				for k < len(s) && s[k] != ')' {
					k++
				}
				leaves = append(leaves, s[j:k])
				i = k - 1
			}
		}
	}
	if depth != 0 {
		return 0, nil, fmt.Errorf("unbalanced parentheses")
	}
	return root, leaves, nil
}

var ptbEscapes = map[string]string{
	"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
	"``": `"`, "''": `"`, "`": "'",
}

// Detokenize undoes the PTB conventions that differ from the other
// corpora: bracket escapes and PTB quote pairs become plain characters, and
// split clitics ("does n't", "it 's") are glued back ("doesn't", "it's")
// the way rt-polarity and polarity v2.0 write them.
func Detokenize(leaves []string) string {
	var b strings.Builder
	for i, t := range leaves {
		if r, ok := ptbEscapes[t]; ok {
			t = r
		}
		if i > 0 && !isClitic(t) {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	return b.String()
}

func isClitic(t string) bool {
	switch strings.ToLower(t) {
	case "n't", "'s", "'re", "'ve", "'ll", "'d", "'m":
		return true
	}
	return false
}
