package salary

import "testing"

// An hourly wage is in cents; a year of it is a legal full-time year:
// 151.67 hours a month, 12 months.
func TestAnnual(t *testing.T) {
	for _, tt := range []struct {
		amount int
		unit   string
		want   int
	}{{45000, "year", 45000}, {2000, "month", 24000}, {500, "day", 109000}, {1165, "hour", 21203}} {
		if got := Annual(tt.amount, tt.unit); got != tt.want {
			t.Errorf("%d per %s: %d a year, want %d", tt.amount, tt.unit, got, tt.want)
		}
	}
	if got := FullTimeMonth(1165); got != 1767 {
		t.Errorf("11.65 an hour: %d a month, want 1767", got)
	}
}

func TestCheck(t *testing.T) {
	for _, tt := range []struct {
		amount int
		unit   string
		want   string
	}{
		{1165, "hour", ""},
		{300, "hour", "3.00 de l'heure est invraisemblable (attendu : de 5.00 à 500.00)"},
		{180000, "hour", "1800.00 de l'heure est invraisemblable ; vouliez-vous dire unit: month ?"},
		{2000, "year", "2000 par an est invraisemblable ; vouliez-vous dire unit: month ?"},
		{20, "month", "20 par mois est invraisemblable (attendu : de 800 à 40000)"},
	} {
		if got := Check(tt.amount, tt.unit); got != tt.want {
			t.Errorf("%d per %s: %q, want %q", tt.amount, tt.unit, got, tt.want)
		}
	}
}
