package grade_test

import (
	"fmt"
	"os"

	"reel/grade"
)

func ExampleParse() {
	for _, s := range []string{"★★★½", "3/4", "B+", "7.5 out of 10", "a minor work", "fresh"} {
		g, err := grade.Parse(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-14s %-9s %5.1f %s\n", g.Text, g.Scale, g.Value, g.Verdict())
	}
	// Output:
	// ★★★½           stars5     70.0 positive
	// 3/4            fraction   75.0 positive
	// B+             letter     83.0 positive
	// 7.5 out of 10  outof10    75.0 positive
	// a minor work   words      45.0 mixed
	// fresh          freshness  80.0 positive
}

func ExampleParser() {
	ebert := grade.Parser{StarMax: 4} // a critic on the four-star scale
	g, _ := ebert.Parse("***1/2")
	fmt.Println(g.Scale, g.Value, g)
	// Output: stars4 87.5 ★★★½ out of 4
}

func ExampleFromValue() {
	// An inferred score of 74, shown in three critics' notations.
	for _, s := range []grade.Scale{grade.ScaleStars5, grade.ScaleLetter, grade.ScaleWords} {
		fmt.Println(grade.FromValue(74, s))
	}
	// Output:
	// ★★★½☆
	// B
	// good
}

func ExampleParseLetterboxd() {
	g, _ := grade.ParseLetterboxd("3.5")
	fmt.Println(g.Value, grade.HalfStars(g.Value), g)
	// Output: 70 7 ★★★½
}

func ExampleReport() {
	failed, _ := grade.Report(os.Stdout, []string{"B-", "6/5"})
	fmt.Println("failed:", failed)
	// Output:
	// B-   letter  67  positive  B-
	// 6/5  error: grade "6/5": 6 is above the maximum 5
	// failed: 1
}

func ExampleSpoilers() {
	body := "A fine film. ||The butler did it.|| Use `||` to hide text."
	for _, sp := range grade.Spoilers(body) {
		fmt.Printf("%d–%d hides %q\n", sp.Start, sp.End, body[sp.InnerStart:sp.InnerEnd])
	}
	// Output: 13–35 hides "The butler did it."
}
