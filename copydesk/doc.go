// Package copydesk reads a review the way an aggregator's copy desk does: it
// scores it (through package sentiment), links the films, people and
// characters it names and checks them (through package linker, when a catalog
// is at hand), marks the sentences that give the plot away and proposes a
// pull quote.
//
// Analyze accepts plain text, Markdown or HTML. Markup is reduced to plain
// text with a byte map back to the input, so every offset in a Report refers
// to the text as the caller sent it. docs/copydesk.md documents the JSON
// shape of a Report.
package copydesk
