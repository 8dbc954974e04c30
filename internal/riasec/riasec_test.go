package riasec

import (
	"net/url"
	"strings"
	"testing"
)

// answers builds answers from "id=value" pairs; the rest are unanswered.
func answers(t *testing.T, pairs string) Answers {
	t.Helper()
	q, err := url.ParseQuery(pairs)
	if err != nil {
		t.Fatal(err)
	}
	a, err := ParseAnswers(q)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// every is "id=v" for the six statements of a type.
func every(letter string, v string) string {
	var out []string
	for i := 1; i <= PerType; i++ {
		out = append(out, strings.ToLower(letter)+string(rune('0'+i))+"="+v)
	}
	return strings.Join(out, "&")
}

// The profiles below are computed by hand from the rule: 2 points a
// j'aime, 1 a ça m'est égal or no answer, 0 a je n'aime pas; the liked
// types by points, Holland's order on a tie, three at most.
func TestProfile(t *testing.T) {
	tests := []struct {
		name, pairs string
		points      [6]int // R I A S E C
		want        string
	}{
		{"S 12, I 8, A 7, others 0", every("S", "2") + "&i1=2&i2=2&i3=2&i4=2&i5=0&i6=0&a1=2&" + every("R", "0") + "&" + every("E", "0") + "&" + every("C", "0"),
			[6]int{0, 8, 7, 12, 0, 0}, "SIA"},
		{"a tie keeps Holland's order", "r1=2&r2=1&r3=1&r4=1&r5=1&r6=1&c1=2&c2=1&c3=1&c4=1&c5=1&c6=1&" + every("I", "0") + "&" + every("A", "0") + "&" + every("S", "0") + "&" + every("E", "0"),
			[6]int{7, 0, 0, 0, 0, 7}, "RC"},
		{"nothing answered", "", [6]int{6, 6, 6, 6, 6, 6}, ""},
		{"nothing liked", every("R", "0") + "&" + every("I", "1"), [6]int{0, 6, 6, 6, 6, 6}, ""},
		{"everything liked", every("R", "2") + "&" + every("I", "2") + "&" + every("A", "2") + "&" + every("S", "2") + "&" + every("E", "2") + "&" + every("C", "2"),
			[6]int{12, 12, 12, 12, 12, 12}, "RIA"},
		{"one like among unanswered", "e3=2", [6]int{6, 6, 6, 6, 7, 6}, "E"},
		{"unliked types stay out even when ahead", "c2=2&s1=0&a1=2&a2=0&a3=0", [6]int{6, 6, 5, 5, 6, 7}, "CA"},
		{"E beats S by one point", "e1=2&e2=2&e3=2&s1=2&s2=2&s3=0&i1=2", [6]int{6, 7, 6, 7, 9, 6}, "EIS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := answers(t, tt.pairs)
			for i, s := range a.Scores() {
				if s.Points != tt.points[i] {
					t.Errorf("%s: %d points, want %d", s.Letter, s.Points, tt.points[i])
				}
			}
			if got := a.Profile(); got != tt.want {
				t.Errorf("profile %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCloseness(t *testing.T) {
	tests := []struct {
		profile string
		letters []string
		want    int
	}{
		{"SIA", []string{"S", "I", "A"}, 14}, // 3×3 + 2×2 + 1×1
		{"SIA", []string{"I", "S"}, 12},      // I 2×3 + S 3×2
		{"SIA", []string{"A", "E", "S"}, 6},  // A 1×3 + S 3×1
		{"SIA", []string{"R", "C"}, 0},
		{"S", []string{"R", "S"}, 6}, // 3×2
		{"IC", []string{"I", "C"}, 13},
		{"SIA", nil, 0},
		{"SIA", []string{"SI", "", "s"}, 0}, // not letters
	}
	for _, tt := range tests {
		if got := Closeness(tt.profile, tt.letters); got != tt.want {
			t.Errorf("Closeness(%q, %v) = %d, want %d", tt.profile, tt.letters, got, tt.want)
		}
	}
	if MaxCloseness("SIA") != 14 || MaxCloseness("SI") != 13 || MaxCloseness("S") != 9 {
		t.Error("MaxCloseness")
	}
}

func TestLess(t *testing.T) {
	// Both score 9 against SIA: S dominant comes before A dominant.
	if !Less("SIA", []string{"S"}, []string{"A", "S"}) || Less("SIA", []string{"A", "S"}, []string{"S"}) {
		t.Error("S should come before A, S")
	}
	// Same first letter: a second letter of the profile beats one it lacks.
	if !Less("SIA", []string{"S", "A"}, []string{"S", "R"}) {
		t.Error("S, A should come before S, R")
	}
	// Nothing tells them apart: neither comes first.
	if Less("SI", []string{"S", "R"}, []string{"S", "C"}) || Less("SI", []string{"S", "C"}, []string{"S", "R"}) {
		t.Error("S, R and S, C are equal")
	}
}

func TestParseProfile(t *testing.T) {
	for in, want := range map[string]string{"SIA": "SIA", "s": "S", "eCr": "ECR", "RIASEC"[:3]: "RIA"} {
		if got, err := ParseProfile(in); err != nil || got != want {
			t.Errorf("ParseProfile(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "SIAE", "X", "SSA", "S I", "\xff", "é", strings.Repeat("S", 10000)} {
		if _, err := ParseProfile(in); err == nil {
			t.Errorf("ParseProfile(%q) accepted", in)
		}
	}
}

func TestAnswersRoundTrip(t *testing.T) {
	a := answers(t, "r1=2&i6=0&c3=1&s2=2&utm_source=x")
	q := a.Values()
	if got := q.Encode(); got != "c3=1&i6=0&r1=2&s2=2" {
		t.Errorf("Values = %q", got)
	}
	back, err := ParseAnswers(q)
	if err != nil || back != a {
		t.Errorf("round trip: %v, %v", back, err)
	}
	if a.Answered() != 4 || a.Of("r1") != Like || a.Of("i6") != Dislike || a.Of("r2") != Unanswered || a.Of("zz") != Unanswered {
		t.Error("Answered or Of")
	}
	for _, bad := range []string{"r1=3", "r1=oui", "c6=-1", "s1=%ff", "s1=22"} {
		q, _ := url.ParseQuery(bad)
		if _, err := ParseAnswers(q); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestStatements(t *testing.T) {
	ids := map[string]bool{}
	count := map[string]int{}
	for _, s := range Statements {
		if ids[s.ID] || len(s.Text) == 0 || s.ID[:1] != strings.ToLower(s.Letter) {
			t.Errorf("statement %+v", s)
		}
		ids[s.ID] = true
		count[s.Letter]++
	}
	for _, ty := range Types {
		if count[ty.Letter] != PerType {
			t.Errorf("%s has %d statements", ty.Letter, count[ty.Letter])
		}
	}
	seen := map[string]bool{}
	for _, part := range Parts() {
		letters := ""
		for _, s := range part {
			seen[s.ID] = true
			letters += s.Letter
		}
		for _, l := range "RIASEC" {
			if !strings.ContainsRune(letters, l) {
				t.Errorf("part %s lacks %c", letters, l)
			}
		}
	}
	if len(seen) != len(Statements) {
		t.Errorf("parts show %d statements", len(seen))
	}
}
