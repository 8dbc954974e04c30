package web

import "testing"

func TestNumbers(t *testing.T) {
	for _, tt := range []struct {
		got, want string
	}{
		{Number(0), "0"},
		{Number(999), "999"},
		{Number(1000), "1\u202f000"},
		{Number(166783), "166\u202f783"},
		{Number(1000012), "1\u202f000\u202f012"},
		{Number(-123), "-123"},
		{Number(-1234), "-1\u202f234"},
		{Euros(35000), "35\u202f000\u00a0€"},
		{Plural(1, "offre", "offres"), "1 offre"},
		{Plural(31605, "offre", "offres"), "31\u202f605 offres"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
