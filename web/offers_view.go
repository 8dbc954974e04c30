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

// foldFrom is how many values without results a filter lists unfolded.
const foldFrom = 5

// zeroOptions are the counted options that would give nothing and are not
// chosen: they cannot be ticked.
func zeroOptions(options []Option, counted bool) []Option {
	var zeros []Option
	for _, o := range options {
		if counted && o.Count == 0 && !o.Selected {
			zeros = append(zeros, o)
		}
	}
	return zeros
}
