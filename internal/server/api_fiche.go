package server

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"vocation/internal/content"
	"vocation/internal/fiche"
	"vocation/internal/offerindex"
	"vocation/internal/store"
)

// apiFiche is the whole fiche as data: everything its page shows, the
// figures as the sources give them and per year.
type apiFiche struct {
	apiFicheSummary
	Aliases          []string           `json:"aliases"`
	Riasec           []string           `json:"riasec"`
	Interests        []string           `json:"interests"`
	Qualities        []string           `json:"qualities"`
	Tools            []string           `json:"tools"`
	Sections         []apiSection       `json:"sections"`
	BodyHTML         string             `json:"body_html"`
	Salaries         []apiSalary        `json:"salaries"`
	Trainings        []apiTraining      `json:"trainings"`
	Sources          []apiSource        `json:"sources"`
	Videos           []apiVideo         `json:"videos"`
	Related          []apiRelated       `json:"related"`
	ObservedSalaries *apiObservedSalary `json:"observed_salaries"`
	OffersAPIPath    string             `json:"offers_api_path,omitempty"`
}

type apiSection struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// apiSalary is a band as given (min, max, unit) and per year, gross euros.
type apiSalary struct {
	Level     string `json:"level"`
	Min       int    `json:"min"`
	Max       int    `json:"max"`
	Unit      string `json:"unit"`
	OpenEnded bool   `json:"open_ended"`
	AnnualMin int    `json:"annual_min"`
	AnnualMax int    `json:"annual_max"`
	Region    string `json:"region"`
	Status    string `json:"status"`
	SourceID  string `json:"source_id"`
	Estimate  bool   `json:"estimate"`
	Note      string `json:"note"`
}

type apiTraining struct {
	Level          string `json:"level"`
	Title          string `json:"title"`
	Kind           string `json:"kind"`
	Apprenticeship bool   `json:"apprenticeship"`
	Duration       string `json:"duration"`
	Cost           string `json:"cost"`
	Where          string `json:"where"`
	URL            string `json:"url"`
	SourceID       string `json:"source_id"`
}

type apiSource struct {
	ID        string `json:"id"`
	Publisher string `json:"publisher"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Date      string `json:"date"`
	Accessed  string `json:"accessed"`
	Estimate  bool   `json:"estimate"`
}

type apiVideo struct {
	Title     string `json:"title"`
	URL       string `json:"url"`
	Publisher string `json:"publisher"`
	Duration  string `json:"duration"`
}

// apiRelated is a fiche named as related; path and api_path are null when
// it is not published.
type apiRelated struct {
	Slug    string  `json:"slug"`
	Title   string  `json:"title"`
	Path    *string `json:"path"`
	APIPath *string `json:"api_path"`
}

type apiStats struct {
	Offers int `json:"offers"`
	Q1     int `json:"q1"`
	Median int `json:"median"`
	Q3     int `json:"q3"`
}

// apiObservedSalary is what the fiche's live offers state, per year.
type apiObservedSalary struct {
	apiStats
	Feeds []string `json:"feeds"`
	Date  string   `json:"date"`
	Bands []struct {
		Band string `json:"band"`
		apiStats
	} `json:"bands"`
}

// apiFiche is /api/v1/fiches/{slug}; an old name moves as the page does.
func (s *Server) apiFiche(c echo.Context) error {
	slug, _, idx, err := s.lookup(c, "slug")
	if err != nil {
		return err
	}
	if !idx.published(slug, s.opts.Dev) {
		if to, ok := idx.redirects[slug]; ok {
			return c.Redirect(http.StatusMovedPermanently, apiPrefix+"/fiches/"+to)
		}
		return store.ErrNotFound
	}
	var f *content.Fiche
	err = s.db.Read(c.Request().Context(), func(tx *store.Tx) error {
		f, err = tx.Fiche(slug)
		return err
	})
	if err != nil {
		return err
	}
	out := ficheData(f, idx, s.opts.Dev)
	if len(f.Rome) > 0 {
		out.OffersAPIPath = apiPrefix + "/offres?metier=" + slug
	}
	if ix, err := s.offerSearchIndex(c); err == nil {
		out.ObservedSalaries = observedData(ix.Observed(slug), ix.BuiltAt)
	}
	return writeJSON(c, out)
}

func ficheData(f *content.Fiche, idx *catalog, dev bool) apiFiche {
	out := apiFiche{apiFicheSummary: ficheSummary(store.Summary{Slug: f.Slug, Title: f.Title, Summary: f.Summary, Sector: f.Sector,
		Updated: f.Updated, Access: f.Access, Rome: f.Rome}, idx),
		Aliases: nonNil(f.Aliases), Riasec: nonNil(f.Riasec), Interests: nonNil(f.Interests), Qualities: nonNil(f.Qualities), Tools: nonNil(f.Tools),
		BodyHTML: f.HTML, Sections: []apiSection{}, Salaries: []apiSalary{}, Trainings: []apiTraining{}, Sources: []apiSource{},
		Videos: []apiVideo{}, Related: []apiRelated{}}
	for _, sec := range f.Sections {
		out.Sections = append(out.Sections, apiSection{sec.ID, sec.Title})
	}
	sources := map[string]fiche.Source{}
	for _, src := range f.Sources {
		sources[src.ID] = src
		out.Sources = append(out.Sources, apiSource{ID: src.ID, Publisher: src.Publisher, Title: src.Title, URL: src.URL, Date: src.Date,
			Accessed: src.Accessed, Estimate: src.Estimate()})
	}
	for _, b := range f.Salaries {
		out.Salaries = append(out.Salaries, apiSalary{Level: b.Level, Min: b.Min, Max: b.Max, Unit: b.Unit, OpenEnded: b.OpenEnded,
			AnnualMin: fiche.Annual(b.Min, b.Unit), AnnualMax: fiche.Annual(b.Max, b.Unit), Region: b.Region, Status: b.Status,
			SourceID: b.Source, Estimate: sources[b.Source].Estimate(), Note: b.Note})
	}
	for _, t := range f.Trainings {
		out.Trainings = append(out.Trainings, apiTraining{Level: t.Level, Title: t.Title, Kind: t.Kind, Apprenticeship: t.Apprenticeship,
			Duration: t.Duration, Cost: t.Cost, Where: t.Where, URL: t.URL, SourceID: t.Source})
	}
	for _, v := range f.Videos {
		out.Videos = append(out.Videos, apiVideo(v))
	}
	for _, r := range f.Related {
		rel := apiRelated{Slug: r.Slug, Title: humanize(r.Slug)}
		if idx.published(r.Slug, dev) {
			g := idx.fiches[r.Slug]
			path, api := "/metiers/"+r.Slug, apiPrefix+"/fiches/"+r.Slug
			rel.Title, rel.Path, rel.APIPath = g.Title, &path, &api
		}
		out.Related = append(out.Related, rel)
	}
	return out
}

func observedData(o *offerindex.Observed, at time.Time) *apiObservedSalary {
	if o == nil {
		return nil
	}
	out := &apiObservedSalary{apiStats: apiStats(o.Stats), Feeds: nonNil(o.Sources), Date: at.UTC().Format("2006-01-02")}
	out.Bands = make([]struct {
		Band string `json:"band"`
		apiStats
	}, len(o.Bands))
	for i, b := range o.Bands {
		out.Bands[i].Band, out.Bands[i].apiStats = b.Band, apiStats(b.Stats)
	}
	return out
}
