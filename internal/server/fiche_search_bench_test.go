package server_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// syntheticTree is searchTree with the shipped ROME referential (some
// 13,000 job titles) plus n generated fiches: titles made of a métier and
// a speciality, aliases, interests and a body of some three hundred words
// drawn from a vocabulary of made-up French-looking words and real ones,
// so that the index has the size and spread of a large catalogue.
// Generated, never shipped.
func syntheticTree(tb testing.TB, n int) map[string]string {
	files := searchTree()
	for _, name := range []string{"metiers.csv", "appellations.csv", "centres-interet.csv", "centres-interet-metiers.csv", "mobilite.csv"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "content", "rome", name))
		if err != nil {
			tb.Fatal(err)
		}
		files["rome/"+name] = string(b)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	metiers := []string{"Boulanger", "Infirmier", "Développeur", "Technicien", "Conducteur", "Agent", "Chargé", "Responsable", "Opérateur",
		"Ingénieur", "Vendeur", "Éducateur", "Animateur", "Mécanicien", "Électricien", "Cuisinier", "Jardinier", "Assistant", "Conseiller", "Menuisier"}
	specs := []string{"de maintenance", "en cybersécurité", "de production", "de bloc", "d'exploitation", "commercial", "logistique", "territorial",
		"en alternance", "de nuit", "agricole", "du bâtiment", "de réseau", "web", "de santé", "sportif", "industriel", "de laboratoire", "qualité", "de magasin"}
	syll := []string{"ba", "ré", "ti", "lo", "man", "ter", "ou", "vi", "que", "son", "pra", "gé", "nu", "cha", "mi", "tion", "pe", "da", "ro", "leur"}
	real := strings.Fields("travailler enfants animaux soigner réparer construire vendre conduire cuisiner dessiner calculer écouter aider organiser " +
		"ordinateur machine client patient équipe chantier atelier bureau magasin hôpital école usine ferme route serveur réseau données")
	vocab := slices.Clone(real)
	for len(vocab) < 6000 {
		var w strings.Builder
		for range 2 + rng.IntN(3) {
			w.WriteString(syll[rng.IntN(len(syll))])
		}
		vocab = append(vocab, w.String())
	}
	words := func(k int) string {
		out := make([]string, k)
		for i := range out {
			// A few words are common, most rare, as in real text.
			out[i] = vocab[min(int(rng.ExpFloat64()*600), len(vocab)-1)]
		}
		return strings.Join(out, " ")
	}
	for i := range n {
		title := fmt.Sprintf("%s %s %d", metiers[i%len(metiers)], specs[(i/len(metiers))%len(specs)], i)
		extra := fmt.Sprintf("aliases: [%s]\ninterests: [%s, %s]\n", words(2), words(3), words(3))
		body := fmt.Sprintf("## Le métier\n\n%s.\n\n## Au quotidien\n\n%s.\n\n## Pour y arriver\n\n%s.\n", words(120), words(120), words(60))
		files[fmt.Sprintf("metiers/synthetique-%04d.md", i)] = ficheSrc(title, extra, body)
	}
	return files
}

var benchQueries = []string{"boulanger", "infirmière de nuit", "développeuse web", "boulnger", "dévelopeuse", "informaticien", "hacker", "IDE",
	"travailler avec des enfants", "ramendeur", "technicien maintenance", "cuisinier", "électricien bâtiment", "soigner animaux", "conducteur",
	"mécanicien", "agent territorial", "zzzz", "responsable qualité", "animateur sportif"}

// typing is what the suggestions are asked while a word is typed.
var typing = []string{"bo", "bou", "boul", "boula", "boulan", "in", "inf", "infir", "infirmi", "dé", "dév", "déve", "dévelo", "te", "tec", "techni",
	"cu", "cuis", "cuisin", "él", "élec", "électri", "ag", "age", "agent t", "agent ter"}

// BenchmarkFicheSearch serves the fiche search page and the suggestions
// at 8 clients over 1,000 synthetic fiches, through the whole server, and
// reports the latency percentiles (docs/performance.md).
func BenchmarkFicheSearch(b *testing.B) {
	srv := mustServer(b, mustDB(b, syntheticTree(b, 1000)), false)
	if r := get(b, srv, "/recherche?q=boulanger"); r.status != 200 || !strings.Contains(r.body, "fiches pour") {
		b.Fatalf("%d %s", r.status, r.body[:min(300, len(r.body))])
	}
	run := func(b *testing.B, paths []string) {
		const clients = 8
		b.SetParallelism((clients + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
		var mu sync.Mutex
		var all []time.Duration
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			w := &discard{h: http.Header{}}
			var mine []time.Duration
			i := rand.IntN(len(paths))
			for pb.Next() {
				req := httptest.NewRequest(http.MethodGet, paths[i%len(paths)], nil)
				clear(w.h)
				start := time.Now()
				srv.ServeHTTP(w, req)
				mine = append(mine, time.Since(start))
				i++
				// A client waits for the network between requests: without
				// this, a CPU-bound loop keeps its processor and the others'
				// requests wait for the scheduler's 10 ms time slices.
				runtime.Gosched()
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		})
		b.StopTimer()
		slices.Sort(all)
		at := func(p float64) float64 { return float64(all[min(int(p*float64(len(all))), len(all)-1)].Microseconds()) }
		b.ReportMetric(at(0.50), "p50-µs")
		b.ReportMetric(at(0.99), "p99-µs")
	}
	b.Run("page", func(b *testing.B) {
		var paths []string
		for _, q := range benchQueries {
			paths = append(paths, "/recherche?q="+url.QueryEscape(q))
		}
		run(b, paths)
	})
	b.Run("suggestions", func(b *testing.B) {
		var paths []string
		for _, q := range typing {
			paths = append(paths, "/recherche/suggestions?q="+url.QueryEscape(q))
		}
		run(b, paths)
	})
}
