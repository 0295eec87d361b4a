// Package grade turns what a critic writes as a grade into a Grade: the
// text as written, its Scale, and a 0–100 Value, following Metacritic's
// published conversions; and it gives a Verdict (positive, mixed,
// negative) for any value.
//
// # Accepted forms
//
// Parse ignores case and surrounding space, a label such as "Grade:" or
// "Rating:", brackets and quotes around the grade, trailing punctuation
// (., ! ? …) and Markdown emphasis (**B+**). It folds unicode look-alikes:
// − – — for the minus, ⁄ ∕ for the slash, full-width digits, and drops
// emoji variation selectors and skin tones. Texts longer than MaxLen (64)
// bytes are rejected.
//
//	stars        ★★★½  ★★★½☆  ***1/2  ***½  ½  ⭐⭐⭐  ★★★⯪☆
//	             3.5 stars  3½★  3 1/2 stars  2½ stars  half a star  no stars
//	             three and a half stars  4 stars out of 5  4 out of 5 stars
//	x/N          3.5/5  3/4  4/4  0/5  7/10  10/10  7.5 out of 10  7,5/10  88/100
//	percent      88%  88 percent
//	letters      A+ A A- B+ B B- C+ C C- D+ D D- F  (also "B plus", "b -", "B−")
//	thumbs       thumbs up, thumbs sideways, thumbs down, 👍, 👎
//	freshness    fresh, rotten
//	words        a phrase from Words: masterpiece, excellent, very good, good, …
//
// A number has at most three decimal places. A maximum (the N of x/N, or
// the count of drawn stars) is a whole number from 1 to 100.
//
// # Conversions
//
// Stars and x/N are plain fractions: 3/5 = 60, 3 of 4 stars = 75, 7.5/10 =
// 75, 88% = 88. Letters follow Metacritic: A+ = A = 100, A- = 91, B+ = 83,
// B = 75, B- = 67, C+ = 58, C = 50, C- = 42, D+ = 33, D = 25, D- = 17,
// F = 0. Thumbs up and fresh are 80, thumbs down and rotten 20, thumbs
// sideways 50: a stated verdict counts in a mean as a typical review of
// that verdict (the middle of its band), not as a perfect or a zero score.
//
// # Decisions on ambiguous text
//
// Stars that do not state a maximum (★★★½, ***1/2, "3.5 stars") are out
// of 5, the Letterboxd and British convention; empty stars (★★★☆) or an
// "out of 4" state it, and a Parser with StarMax 4 serves a critic on
// Ebert's four-star scale. Stars out of 10 are ScaleOutOf10, and other
// star maxima are ScaleFraction; Text keeps the glyphs.
//
// A bare number ("3.5", "7") is rejected with ErrAmbiguous: it could be
// out of 4, 5, 10 or 100. Letterboxd's Rating column, where a bare number
// means stars out of 5, has its own reader, ParseLetterboxd; a Parser with
// BareMax serves a critic known to grade, say, out of 10. "3½" is a bare
// number too; "½" alone is half a star, as Letterboxd shows it.
//
// "1/2 star" and "1/2 stars" are half a star, not one star out of two.
// "x/N" with no stars is ScaleOutOf10 for N = 10, ScaleOutOf100 for N =
// 100, and ScaleFraction otherwise (3.5/5, 3/4); written with stars
// ("3/5 stars") it is ScaleStars5 or ScaleStars4.
//
// Rejected: empty text (ErrEmpty), over-long text (ErrTooLong), values
// above the maximum, negative values and maxima outside 1–100
// (ErrOutOfRange), and anything else (ErrUnrecognised, whose message lists
// the accepted forms). There is no E grade and no F+ or F-.
//
// # Verdicts
//
// VerdictOf(v) is positive from 60 (Rotten Tomatoes' "3/5 stars and
// up"), negative below 40 (Metacritic's 0–39), and mixed between. Words,
// thumbs and freshness have values inside the band of the verdict they
// state, so Grade.Verdict returns that verdict.
//
// # Verdict words
//
// The table, best first (Words holds it; the first phrase of each value is
// canonical):
//
//	100 positive  masterpiece, masterwork, tour de force
//	 95 positive  essential, must-see, unmissable
//	 90 positive  excellent, superb, outstanding, exceptional, brilliant,
//	              highly recommended, universal acclaim
//	 85 positive  great
//	 80 positive  very good, recommended, positive
//	 70 positive  good, worth seeing, worth watching, generally favorable,
//	              generally favourable
//	 65 positive  solid, pretty good
//	 60 positive  decent, above average, worth a look
//	 55 mixed     okay, ok, not bad
//	 50 mixed     mixed, fair, average, mixed or average, middling
//	 45 mixed     so-so, minor work, uneven
//	 40 mixed     mediocre
//	 35 negative  disappointing, disappointment, below average
//	 30 negative  weak, generally unfavorable, generally unfavourable
//	 25 negative  poor
//	 20 negative  bad, negative, not recommended, skip it
//	 10 negative  awful, terrible, dreadful, avoid, overwhelming dislike
//	  0 negative  abysmal, unwatchable, disaster
//
// Phrases match ignoring case and hyphens, a leading "a" or "an" and a
// trailing "film" or "movie": "A minor work", "Must see", "a very good
// film".
//
// # Formatting
//
// Grade.String formats a grade canonically in its own scale (★★★½☆,
// 7.5/10, B+, thumbs up, very good) and Parse reads that back to the same
// Value. FromValue puts an inferred 0–100 score on a critic's scale.
// HalfStars buckets a value for a half-star histogram.
//
// # Spoilers
//
// Spoilers finds inline spoiler markup (||…|| and >!…!<) in a Markdown
// review body. It lives here for now and is self-contained in spoiler.go.
package grade
