package copydesk

import "math"

// SpoilerThreshold is the score from which a sentence is reported as a
// spoiler.
const SpoilerThreshold = 0.5

// The reasons a sentence is scored as a spoiler, as they appear in a Report.
const (
	ReasonMarked    = "marked as a spoiler"
	ReasonWarning   = "after a spoiler warning"
	ReasonEnding    = "reveals the ending"
	ReasonDeath     = "a death"
	ReasonTwist     = "a twist"
	ReasonFinalAct  = "the final act"
	ReasonIdentity  = "what a character turns out to be"
	ReasonPlotTurn  = "a plot turn"
	ReasonLate      = "late in the review"
	ReasonNamedTurn = "names a character next to a death or reveal"
)

// cue is a phrase that makes a sentence likelier to give the plot away, with
// the probability it adds on its own. The weights were set by hand on
// sentences written for the tests and checked on the research fixtures
// (docs/quality.md); they are not learned.
type cue struct {
	weight float64
	reason string
}

var spoilerCues = func() phraseSet[cue] {
	ps := phraseSet[cue]{}
	add := func(w float64, reason string, phrases ...string) {
		for _, p := range phrases {
			ps.add(p, cue{w, reason})
		}
	}
	add(0.5, ReasonDeath, "dies", "died", "killed", "kills", "murdered", "murders", "is dead",
		"was dead", "death of", "commits suicide", "kills himself", "kills herself", "shot dead",
		"gets shot", "is shot", "perishes", "drowns", "killed off", "sacrifices himself",
		"sacrifices herself", "his death", "her death", "their deaths", "is executed", "funeral",
		"to death", "been dead")
	add(0.35, ReasonDeath, "dead", "dying")
	add(0.5, ReasonEnding, "ends with", "final scene", "final shot", "last scene", "last shot",
		"closing scene", "final moments", "film ends", "movie ends", "story ends", "book ends",
		"final scenes", "last line")
	add(0.4, ReasonEnding, "ending", "the end", "finale", "climax", "epilogue")
	add(0.5, ReasonTwist, "turns out", "turned out")
	add(0.4, ReasonTwist, "twist", "twists", "reveal", "reveals", "revealed", "revelation", "finds out", "found out", "discovers that", "learns that",
		"surprise ending", "the truth about")
	add(0.35, ReasonFinalAct, "third act", "final act", "last act", "final reel", "last reel",
		"final hour", "last half hour", "final half hour", "final minutes", "last twenty minutes",
		"last ten minutes", "final chapter", "last chapter", "final chapters")
	add(0.6, ReasonIdentity, "turns out to be", "turned out to be", "is revealed to be",
		"was revealed to be", "all along", "true identity", "real identity", "is really his",
		"is really her", "was really", "is actually", "was actually", "the real killer",
		"is the killer", "was the killer", "secretly", "was a dream", "was dreaming",
		"is a ghost", "was a ghost", "is his father", "is her father", "is his son")
	add(0.25, ReasonPlotTurn, "escapes", "survives", "survive", "marries", "married", "betrays",
		"betrayed", "confesses", "reunited", "rescued", "rescues", "arrested", "sacrifices",
		"kidnapped", "pregnant", "affair", "ends up", "cheating", "breaks up", "kill", "killing",
		"shoots", "stabbed", "poisoned", "suicide", "wedding", "escape")
	return ps
}()

// spoilerMeta marks sentences that talk about spoilers rather than give one:
// a warning raises the sentences after it, a promise not to spoil lowers the
// sentence itself.
var spoilerMeta = func() phraseSet[bool] {
	ps := phraseSet[bool]{}
	for _, p := range []string{"spoilers ahead", "spoiler alert", "spoiler warning",
		"spoilers follow", "warning spoilers", "spoilers below", "major spoilers", "spoilers"} {
		ps.add(p, true)
	}
	for _, p := range []string{"no spoilers", "without spoiling", "won't spoil", "not spoil",
		"spoiler free", "don't want to spoil", "without giving", "won't give", "not give away",
		"won't reveal", "not reveal", "not going to spoil", "avoid spoilers"} {
		ps.add(p, false)
	}
	return ps
}()

// sentenceSpoiler scores one sentence from its words. late says the
// sentence sits in the last third of the review, named that a linked
// character or person is in it, warned that a spoiler warning precedes it.
func sentenceSpoiler(ws []string, late, named, warned bool) (float64, []string) {
	miss := 1.0 // the probability that no cue is right
	var reasons []string
	seen := map[string]bool{}
	plot := false
	spoilerCues.each(ws, func(_ int, c cue) {
		miss *= 1 - c.weight
		if c.reason != ReasonEnding && c.reason != ReasonFinalAct {
			plot = true
		}
		if !seen[c.reason] {
			seen[c.reason] = true
			reasons = append(reasons, c.reason)
		}
	})
	promise, warning := false, false
	spoilerMeta.each(ws, func(_ int, isWarning bool) {
		if isWarning {
			warning = true
		} else {
			promise = true
		}
	})
	if len(reasons) > 0 && late {
		miss *= 1 - 0.15
		reasons = append(reasons, ReasonLate)
	}
	if plot && named {
		miss *= 1 - 0.25
		reasons = append(reasons, ReasonNamedTurn)
	}
	if warned && !warning {
		miss *= 1 - 0.4
		reasons = append(reasons, ReasonWarning)
	}
	p := 1 - miss
	if promise || warning {
		p *= 0.2
	}
	return math.Round(p*100) / 100, reasons
}

// isWarning reports whether the sentence announces spoilers.
func isWarning(ws []string) bool {
	warn, promise := false, false
	spoilerMeta.each(ws, func(_ int, w bool) {
		if w {
			warn = true
		} else {
			promise = true
		}
	})
	return warn && !promise
}
