// Command likebench runs the obvious alternative to Vocation's index on
// the same database: each search of the mix as SQL LIKE queries (the
// results page and a count by contract), timed, until a time budget runs
// out. bench-search.sh compares the two in one run.
package main

import (
	"bufio"
	"database/sql"
	"flag"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	_ "modernc.org/sqlite"
)

func main() {
	dbPath := flag.String("db", "", "database")
	mix := flag.String("mix", "", "file of /offres URLs")
	budget := flag.Duration("budget", 60*time.Second, "stop after this long")
	flag.Parse()
	db, err := sql.Open("sqlite", "file:"+*dbPath+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		fail(err)
	}
	f, err := os.Open(*mix)
	if err != nil {
		fail(err)
	}
	var durations []time.Duration
	start := time.Now()
	sc := bufio.NewScanner(f)
	for sc.Scan() && time.Since(start) < *budget {
		u, _ := url.Parse(sc.Text())
		q := u.Query()
		where, args := []string{"(expires = 0 OR expires > ?)"}, []any{time.Now().Unix()}
		for _, w := range strings.Fields(q.Get("q")) {
			where = append(where, "(title LIKE ? OR skills LIKE ? OR description LIKE ?)")
			like := "%" + w + "%"
			args = append(args, like, like, like)
		}
		if cs := q["contrat"]; len(cs) > 0 {
			where = append(where, "contract IN (?"+strings.Repeat(",?", len(cs)-1)+")")
			for _, c := range cs {
				args = append(args, c)
			}
		}
		cond := strings.Join(where, " AND ")
		t := time.Now()
		rows, err := db.Query(`SELECT key FROM offers WHERE `+cond+` ORDER BY published DESC LIMIT 20`, args...)
		if err != nil {
			fail(err)
		}
		for rows.Next() {
		}
		rows.Close()
		rows, err = db.Query(`SELECT contract, count(*) FROM offers WHERE `+cond+` GROUP BY contract`, args...)
		if err != nil {
			fail(err)
		}
		for rows.Next() {
		}
		rows.Close()
		durations = append(durations, time.Since(t))
	}
	slices.Sort(durations)
	if len(durations) == 0 {
		fail(fmt.Errorf("no search finished within %s", *budget))
	}
	p := func(q float64) time.Duration { return durations[int(q*float64(len(durations)-1))] }
	fmt.Printf("like %d %d %d %d\n", len(durations), p(0.5).Microseconds(), p(0.99).Microseconds(), durations[len(durations)-1].Microseconds())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "likebench:", err)
	os.Exit(1)
}
