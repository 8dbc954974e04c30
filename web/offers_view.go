package web

func anySelected(options []Option) bool {
	for _, o := range options {
		if o.Selected {
			return true
		}
	}
	return false
}

func activeCount(n int) string {
	switch n {
	case 0:
		return "aucun actif"
	case 1:
		return "1 actif"
	}
	return Number(n) + " actifs"
}
