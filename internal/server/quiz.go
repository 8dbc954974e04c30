package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"vocation/internal/failure"
	"vocation/internal/fiche"
	"vocation/internal/riasec"
	"vocation/internal/store"
	"vocation/web"
)

// The quiz keeps nothing on the server: its answers travel in the address,
// one parameter per statement named by the statement's ID (r1 … c6) and
// valued 2 (j'aime), 1 (ça m'est égal) or 0 (je n'aime pas), which is
// exactly what its plain GET form sends. /quiz takes the same parameters
// to check them again, so a result can be reopened and changed.
// /quiz/resultat also takes profil (1 to 3 letters, dominant first),
// which then stands for the answers, and niveau, a study level.

// maxQuizResults keeps the ranking readable on a large catalogue.
const maxQuizResults = 60

// showQuiz is /quiz, its answers checked from the address.
func (s *Server) showQuiz(c echo.Context) error {
	a, err := riasec.ParseAnswers(c.QueryParams())
	if err != nil {
		return err
	}
	idx, err := s.catalogFor(c.Request().Context(), s.current(c))
	if err != nil {
		return err
	}
	l := s.pageLayout(c, idx, "Le quiz des intérêts", "36 petites phrases pour repérer ce que tu aimes faire et découvrir des métiers qui y ressemblent. Sans compte, rien n’est enregistré.")
	l.Current, l.JSONLD = "quiz", s.underInterests(c, "Le quiz des intérêts")
	p := web.QuizPage{Layout: l, Total: len(riasec.Statements), PerType: riasec.PerType, Answered: a.Answered()}
	for i, part := range riasec.Parts() {
		qp := web.QuizPart{Heading: "Partie " + strconv.Itoa(i+1) + " sur " + strconv.Itoa(riasec.PerType)}
		for _, st := range part {
			it := web.QuizItem{ID: st.ID, Text: st.Text}
			if v := a.Of(st.ID); v != riasec.Unanswered {
				it.Answer = strconv.Itoa(int(v))
			}
			qp.Items = append(qp.Items, it)
		}
		p.Parts = append(p.Parts, qp)
	}
	return s.render(c, http.StatusOK, web.Quiz(p))
}

// showQuizResult is /quiz/resultat: the profile the answers suggest, or
// the one given, and the fiches ranked by how close their letters are
// (riasec.Closeness, ties by riasec.Less, then French title order).
func (s *Server) showQuizResult(c echo.Context) error {
	q := c.QueryParams()
	level := q.Get("niveau")
	if level != "" && !slices.Contains(fiche.Levels, level) {
		return unknownLevel(level)
	}
	idx, err := s.catalogFor(c.Request().Context(), s.current(c))
	if err != nil {
		return err
	}
	p := web.QuizResultPage{Total: len(riasec.Statements), EditURL: "/quiz"}
	if q.Has("profil") {
		if p.Profile, err = riasec.ParseProfile(q.Get("profil")); err != nil {
			return err
		}
		p.Hidden = []web.Param{{Name: "profil", Value: p.Profile}}
	} else {
		a, err := riasec.ParseAnswers(q)
		if err != nil {
			return err
		}
		p.Profile, p.Answered = a.Profile(), a.Answered()
		for _, sc := range a.Scores() {
			p.Scores = append(p.Scores, web.QuizScore{Letter: sc.Letter, Name: sc.Name, Points: sc.Points, Max: riasec.MaxPoints, Likes: sc.Likes})
		}
		for _, st := range riasec.Statements {
			if v := a.Of(st.ID); v != riasec.Unanswered {
				p.Hidden = append(p.Hidden, web.Param{Name: st.ID, Value: strconv.Itoa(int(v))})
			}
		}
		if p.Answered > 0 {
			p.EditURL = "/quiz?" + a.Values().Encode()
		}
		switch {
		case p.Answered == 0:
			p.Message = "Tu n’as répondu à aucune phrase. Réponds à quelques-unes, au moins celles qui te parlent, pour voir un résultat."
		case p.Profile == "":
			p.Message = "Tu n’as répondu «\u00a0j’aime\u00a0» à aucune phrase\u00a0: sans rien que tu aimes, le quiz ne peut pas te proposer de profil. Change quelques réponses, ou découvre les six types d’intérêts."
		}
	}
	title := "Résultat du quiz"
	if p.Profile != "" {
		title += " : profil " + p.Profile
	}
	l := s.pageLayout(c, idx, title, "Le profil d’intérêts RIASEC et les métiers qui en sont les plus proches.")
	l.Current = "quiz"
	p.Layout = l
	if p.Profile != "" {
		rankFiches(&p, idx, s.opts.Dev, level)
	}
	return s.render(c, http.StatusOK, web.QuizResult(p))
}

// rankFiches fills the profile's types, the level filter and the ranking.
func rankFiches(p *web.QuizResultPage, idx *catalog, dev bool, level string) {
	for _, l := range p.Profile {
		t, _ := riasec.Lookup(string(l))
		p.Types = append(p.Types, riasecType(t, 0))
	}
	v := url.Values{}
	for _, h := range p.Hidden {
		v.Set(h.Name, h.Value)
	}
	p.Clear = "/quiz/resultat?" + v.Encode()
	for _, lv := range fiche.Levels {
		p.Levels = append(p.Levels, web.Option{Value: lv, Label: levelLabel(lv), Selected: lv == level})
	}
	p.Level = levelLabel(level)
	p.Max = riasec.MaxCloseness(p.Profile)
	type ranked struct {
		f       store.Summary
		letters []string
		points  int
	}
	var list []ranked
	// visible is in French title order, which the stable sort keeps for
	// fiches nothing else tells apart.
	for _, f := range idx.visible(dev) {
		letters := idx.leanings[f.Slug].Riasec
		points := riasec.Closeness(p.Profile, letters)
		if points > 0 && (level == "" || slices.Contains(f.Access, level)) {
			list = append(list, ranked{f, letters, points})
		}
	}
	slices.SortStableFunc(list, func(a, b ranked) int {
		switch {
		case a.points != b.points:
			return b.points - a.points
		case riasec.Less(p.Profile, a.letters, b.letters):
			return -1
		case riasec.Less(p.Profile, b.letters, a.letters):
			return 1
		}
		return 0
	})
	p.Matches = len(list)
	for _, r := range list[:min(len(list), maxQuizResults)] {
		res := web.QuizMatch{Card: card(r.f, idx.sectorNames), Letters: strings.Join(r.letters, ", "), Points: r.points}
		if len(r.f.Rome) > 0 {
			res.OffersURL = "/offres?metier=" + r.f.Slug
		}
		p.Results = append(p.Results, res)
	}
}

// unknownLevel is the answer to a study level that does not exist.
func unknownLevel(level string) error {
	return failure.Invalidf("Le niveau d’études « " + printable(level) + " » n’existe pas. Niveaux possibles : " + strings.Join(fiche.Levels, ", ") + ".")
}
