package copydesk

import (
	"math"
	"unicode"
	"unicode/utf8"
)

// SpoilerThreshold is the score from which a sentence is reported as a
// spoiler. The score is the spoiler model's output with its intercept moved
// so that this threshold is the operating point chosen on the development
// reviews (docs/quality.md); it orders sentences but is not a probability:
// in film reviews two to five sentences in a hundred are spoilers.
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
	ReasonNarration = "narrates the plot"
)

// spoilerInput is what the spoiler model reads of one sentence.
type spoilerInput struct {
	words  []string // words(text)
	text   string   // the sentence as written, for capitalised names
	index  int      // its place in the review, from 0
	count  int      // the review's sentence count
	named  bool     // a linked person or character is in it
	warned bool     // a spoiler warning precedes it nearby
}

// The model's features. Lexical ones count phrase occurrences (capped);
// the rest describe the sentence's place and voice.
const (
	fBias        = iota
	fDeath       // a death narrated: "dies", "is killed", "commits suicide"
	fDeathWord   // death talked about: "death", "dead", "murder"
	fEndingWord  // "ending", "finale", "climax": the end named
	fEndingEvent // "in the end", "ends with": the end narrated
	fEventually  // "finally", "eventually", "ends up": later in the story
	fTwist       // "twist", "secret", "surprise"
	fReveal      // "turns out", "all along", "is actually"
	fFinalAct    // "third act", "showdown", "near the end"
	fPlotTurn    // "escapes", "marries", "rescues"
	fTogether    // how a romance comes out: "fall in love", "end up together"
	fNarrVerb    // present-tense plot verbs: "decides", "tries"
	fPronoun     // he, she, they and their forms
	fCritic      // the critic's own voice: I, we, you
	fMeta        // talk about the film as a film: "performance", "director"
	fJudging     // verdict words: "brilliant", "dull"
	fSequence    // narrative sequencing: "then", "later", "when"
	fSetup       // the set-up: "opens", "begins", "plot", "meets"
	fMiddle      // position: 1 in the middle of the review, 0 at its ends
	fLate        // position: the last third
	fEdge        // the first or last sentence
	fLength      // words, scaled
	fQuestion    // a question
	fParens      // a parenthesis, mostly an actor's name after a character's
	fNames       // a linked character or person, or a capitalised name
	fWarned      // after a spoiler warning
	fMetaSpoiler // talks about spoilers ("no spoilers", "spoiler alert")
	fPlotNarr    // a death, reveal or turn told in narration (interaction)
	fEndJudged   // the ending named next to a verdict word (interaction)
	numFeatures
)

// featureReason names what a feature that pushes a score up says to an
// editor; features without one never appear as reasons.
var featureReason = [numFeatures]string{
	fDeath:       ReasonDeath,
	fDeathWord:   ReasonDeath,
	fEventually:  ReasonEnding,
	fEndingWord:  ReasonEnding,
	fEndingEvent: ReasonEnding,
	fTwist:       ReasonTwist,
	fReveal:      ReasonIdentity,
	fFinalAct:    ReasonFinalAct,
	fPlotTurn:    ReasonPlotTurn,
	fTogether:    ReasonEnding,
	fNarrVerb:    ReasonNarration,
	fLate:        ReasonLate,
	fNames:       ReasonNamedTurn,
	fWarned:      ReasonWarning,
	fPlotNarr:    ReasonNarration,
}

// spoilerLexicon maps phrases to the lexical feature they count. Phrases are
// matched on words(), so they are lower case without punctuation.
var spoilerLexicon = func() *phraseSet[int] {
	ps := newPhraseSet[int]()
	add := func(f int, phrases ...string) {
		for _, p := range phrases {
			ps.add(p, f)
		}
	}
	add(fDeath, "dies", "died", "is killed", "was killed", "are killed", "gets killed", "get killed",
		"is murdered", "was murdered", "is shot", "gets shot", "shot dead", "is executed",
		"executed", "commits suicide", "kills himself", "kills herself", "killed himself",
		"killed herself", "perishes", "drowns", "is slain", "falls dead", "falls over dead",
		"sacrifices himself", "sacrifices herself", "to death", "his death", "her death",
		"their deaths", "killed off", "kills him", "kills her", "kills them", "kill him",
		"fatal", "demise", "funeral", "is dead", "was dead", "been dead", "not dead",
		"comes back to life", "from the dead", "survives", "survive", "alive", "he'll live",
		"she'll live", "buy the farm", "buys the farm", "picked off", "always dies")
	add(fDeathWord, "dead", "death", "deaths", "dying", "die", "kill", "kills", "killed",
		"killing", "killings", "murder", "murders", "murdered", "suicide", "corpse", "body",
		"bodies", "shot", "stabbed", "poisoned", "slaughtered", "slain", "sacrifice")
	add(fEndingWord, "ending", "endings", "the end", "finale", "climax", "climactic", "epilogue",
		"denouement", "conclusion", "resolution", "final scene", "final shot", "last scene",
		"last shot", "closing scene", "final moments", "last line", "final line", "final scenes")
	add(fEndingEvent, "in the end", "at the end", "by the end", "ends with", "film ends",
		"movie ends", "story ends", "happy ending", "is reunited", "are reunited", "the film ends",
		"ends as", "ends when", "ending with", "film's end", "movie's end", "ends on",
		"wrap things up", "wraps up", "wrapping up", "is resolved", "are resolved")
	add(fEventually, "finally", "eventually", "ultimately", "ends up", "end up", "winds up",
		"ends", "in time")
	add(fTwist, "twist", "twists", "secret", "surprise", "surprises", "shocker",
		"shocking", "revelation", "revelations", "mystery", "truth")
	add(fReveal, "turns out", "turned out", "secretly", "all along", "is actually", "was actually",
		"is really", "was really", "are really", "true identity", "real identity", "is revealed",
		"was revealed", "reveals", "revealed", "reveal", "finds out", "found out", "discovers that",
		"learns that", "realizes that", "not dead", "after all", "the real killer",
		"is the killer", "was the killer", "was a dream", "a ghost", "is his father",
		"is her father", "is his son", "is her son", "in reality")
	add(fFinalAct, "third act", "final act", "last act", "final reel", "last reel", "final hour",
		"last half hour", "final half hour", "final minutes", "last twenty minutes",
		"last ten minutes", "final chapter", "last chapter", "showdown", "final confrontation",
		"final battle", "near the end", "toward the end", "towards the end", "late in the film",
		"late in the movie", "final showdown", "last minute", "last minutes", "final sequence",
		"last fifteen minutes", "final fifteen minutes", "last five minutes", "final five minutes",
		"latter half", "second half", "last third", "final third")
	add(fPlotTurn, "escapes", "escape", "marries", "married", "betrays", "betrayed", "betrayal",
		"confesses", "rescued", "rescues", "rescue", "arrested", "kidnapped", "pregnant",
		"affair", "breaks up", "wedding", "saves", "saved", "destroys", "destroyed", "defeats",
		"defeated", "freed", "released", "captured", "wins", "won", "loses", "returns",
		"reunites", "falls in love", "leaves", "forgives", "realizes", "discovers", "learns")
	add(fTogether, "fall in love", "falls in love", "fell in love", "become lovers", "get together",
		"gets together", "come together", "end up together", "ends up with", "wind up with",
		"winds up with", "hit it off", "gets the girl", "gets chick back", "their romance",
		"reconcile", "reconciles", "make up", "makes up", "break up", "breaks up", "divorce",
		"proposes", "wedding")
	add(fNarrVerb, "decides", "tries", "goes", "gets", "meets", "falls", "becomes", "takes",
		"tells", "agrees", "manages", "begins", "sees", "wants", "helps", "follows", "turns",
		"gives", "comes", "jumps", "runs", "attacks", "uses", "arrives", "convinces", "stops",
		"finds", "asks", "leads", "sends", "brings", "puts", "starts", "holds",
		"refuses", "offers", "pulls", "throws", "walks", "drives", "calls", "hides", "chases",
		"fights", "shows up", "sets out", "goes on")
	add(fPronoun, "he", "she", "they", "him", "her", "his", "them", "their", "himself", "herself",
		"themselves", "he's", "she's", "they're")
	add(fCritic, "i", "me", "my", "i'm", "i've", "i'd", "i'll", "we", "us", "our", "we're",
		"you", "your", "you're", "you'll", "you've", "myself")
	add(fMeta, "film", "films", "movie", "movies", "performance", "performances", "role", "roles",
		"cast", "casting", "actor", "actors", "actress", "director", "directed", "direction",
		"script", "screenplay", "writer", "audience", "audiences", "viewer", "viewers",
		"cinematography", "score", "soundtrack", "dialogue", "acting", "played", "plays",
		"starring", "stars", "sequel", "genre", "effects", "camera", "picture", "rated")
	add(fSequence, "then", "later", "when", "after", "soon", "until", "before", "once", "meanwhile",
		"suddenly", "next", "while", "afterward", "afterwards")
	add(fSetup, "opens", "begins", "starts", "open", "begin", "start", "beginning", "at first",
		"initially", "early", "first", "plot", "synopsis", "premise", "story", "concerns",
		"revolves", "follows", "stars as", "played by", "named", "introduced", "introduces",
		"meet", "meets", "setup", "set up", "is hired", "arrives", "new", "young")
	add(fMetaSpoiler, "spoiler", "spoilers", "spoil", "spoiling", "spoiled", "giving away",
		"give away", "giving anything away", "without revealing", "won't reveal", "not reveal")
	for w := range judging {
		add(fJudging, w)
	}
	return ps
}()

// spoilerWarning marks sentences that announce spoilers: the sentences
// after them are scored as warned.
var spoilerWarning = func() *phraseSet[bool] {
	ps := newPhraseSet[bool]()
	for _, p := range []string{"spoilers ahead", "spoiler alert", "spoiler warning",
		"spoilers follow", "warning spoilers", "spoilers below", "major spoilers",
		"heavy spoiler", "heavy spoilers", "spoilers", "don't read further",
		"do not read further", "stop reading", "skip the next", "if you don't want to know",
		"don't want to know", "be forewarned", "some may consider"} {
		ps.add(p, true)
	}
	for _, p := range []string{"no spoilers", "without spoiling", "won't spoil", "not spoil",
		"spoiler free", "don't want to spoil", "without giving", "won't give", "not give away",
		"won't reveal", "not reveal", "not going to spoil", "avoid spoilers"} {
		ps.add(p, false)
	}
	return ps
}()

// spoilerFeatures fills x with one sentence's features.
func spoilerFeatures(in spoilerInput, x *[numFeatures]float64) {
	*x = [numFeatures]float64{}
	x[fBias] = 1
	spoilerLexicon.each(in.words, func(_ int, f int) { x[f]++ })
	for f := fDeath; f <= fSetup; f++ {
		x[f] = math.Min(x[f], 2)
	}
	x[fMetaSpoiler] = math.Min(x[fMetaSpoiler], 1)
	if in.count > 1 {
		r := float64(in.index) / float64(in.count-1)
		x[fMiddle] = 4 * r * (1 - r)
		if in.count >= 6 && in.index*3 >= 2*in.count {
			x[fLate] = 1
		}
		if in.index == 0 || in.index == in.count-1 {
			x[fEdge] = 1
		}
	}
	x[fLength] = math.Min(float64(len(in.words)), 60) / 20
	if last, _ := utf8.DecodeLastRuneInString(in.text); last == '?' {
		x[fQuestion] = 1
	}
	for i := 0; i < len(in.text); i++ {
		if in.text[i] == '(' {
			x[fParens] = 1
			break
		}
	}
	if in.named || hasCapitalisedName(in.text) {
		x[fNames] = 1
	}
	if in.warned {
		x[fWarned] = 1
	}
	plot := x[fDeath] + x[fReveal] + x[fPlotTurn] + x[fEndingEvent] + x[fTogether]
	narr := math.Min(x[fPronoun]+x[fNarrVerb]+x[fNames], 2)
	x[fPlotNarr] = math.Min(plot, 2) * narr / 2
	x[fEndJudged] = math.Min(x[fEndingWord], 1) * math.Min(x[fJudging], 1)
}

// hasCapitalisedName reports whether a word other than the first starts
// with a capital letter and is not "I": in cased prose, mostly a name. A
// word after a sentence-internal quote mark or colon may start a quotation,
// so it does not count.
func hasCapitalisedName(text string) bool {
	first := true
	prev := ' '
	for i, r := range text {
		if !unicode.IsLetter(r) {
			prev = r
			continue
		}
		if i > 0 && unicode.IsLetter(prev) {
			continue // inside a word
		}
		startsWord := !unicode.IsLetter(prev) && prev != '\'' && prev != '’'
		if startsWord && !first && unicode.IsUpper(r) && prev != '"' && prev != '“' && prev != ':' {
			next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
			if r != 'I' || unicode.IsLetter(next) {
				return true
			}
		}
		if startsWord {
			first = false
		}
		prev = r
	}
	return false
}

// sentenceSpoiler scores one sentence and says why.
func sentenceSpoiler(in spoilerInput) (float64, []string) {
	var x [numFeatures]float64
	spoilerFeatures(in, &x)
	p := spoilerScore(&spoilerWeights, &x)
	if p < SpoilerThreshold*0.6 {
		return p, nil // no reasons for sentences nobody will see flagged
	}
	return p, spoilerReasons(&x)
}

// spoilerScore is the logistic model's output, rounded to two places as
// the report shows it.
func spoilerScore(w, x *[numFeatures]float64) float64 {
	z := 0.0
	for f, v := range x {
		z += w[f] * v
	}
	return math.Round(100/(1+math.Exp(-z))) / 100
}

// spoilerReasons lists the reasons of the features that raised the score:
// first what the sentence reveals, strongest first, then the context that
// made it likelier (its place, a warning, narration, names), each reason
// once.
func spoilerReasons(x *[numFeatures]float64) []string {
	type push struct {
		reason string
		by     float64
	}
	var pushes []push
	plot := x[fDeath] + x[fDeathWord] + x[fReveal] + x[fPlotTurn]
	for f, v := range x {
		by := spoilerWeights[f] * v
		if featureReason[f] == "" || by <= 0.25 || f == fNames && plot == 0 {
			continue
		}
		if contextFeature(f) {
			by -= 100 // after every content reason, in their own order
		}
		pushes = append(pushes, push{featureReason[f], by})
	}
	// Insertion sort: a handful of entries.
	for i := 1; i < len(pushes); i++ {
		for j := i; j > 0 && pushes[j].by > pushes[j-1].by; j-- {
			pushes[j], pushes[j-1] = pushes[j-1], pushes[j]
		}
	}
	var out []string
	for _, p := range pushes {
		dup := false
		for _, r := range out {
			dup = dup || r == p.reason
		}
		if !dup {
			out = append(out, p.reason)
		}
	}
	if len(out) == 0 {
		out = append(out, ReasonPlotTurn)
	}
	return out
}

// contextFeature reports whether a feature describes where and how a
// sentence is told rather than what it gives away.
func contextFeature(f int) bool {
	switch f {
	case fLate, fWarned, fNames, fNarrVerb, fPlotNarr:
		return true
	}
	return false
}

// isWarning reports whether the sentence announces spoilers.
func isWarning(ws []string) bool {
	warn, promise := false, false
	spoilerWarning.each(ws, func(_ int, w bool) {
		if w {
			warn = true
		} else {
			promise = true
		}
	})
	return warn && !promise
}
