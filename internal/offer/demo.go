package offer

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"
)

// demoMetier is one métier the generator writes offers for.
type demoMetier struct {
	rome   string
	titles [3]string // masculine, feminine, the rest of the title
	skills []string
	salary [2]int // yearly range for a confirmed employee
	remote bool
}

var demoMetiers = []demoMetier{
	{"M1805", [3]string{"Développeur", "Développeuse", "back-end"}, []string{"Go", "Java", "Python", "PHP", "SQL", "PostgreSQL", "API REST", "Docker", "Git"}, [2]int{38000, 60000}, true},
	{"M1805", [3]string{"Développeur", "Développeuse", "front-end"}, []string{"JavaScript", "TypeScript", "React", "Vue.js", "HTML", "CSS", "accessibilité"}, [2]int{35000, 55000}, true},
	{"M1805", [3]string{"Développeur", "Développeuse", "full-stack"}, []string{"Node.js", "React", "SQL", "Docker", "TypeScript"}, [2]int{38000, 58000}, true},
	{"M1805", [3]string{"Développeur", "Développeuse", "d'applications mobiles"}, []string{"Kotlin", "Swift", "Flutter", "Android", "iOS"}, [2]int{38000, 58000}, true},
	{"M1805", [3]string{"Architecte", "Architecte", "logiciel"}, []string{"architecture", "microservices", "Java", "cloud"}, [2]int{55000, 80000}, true},
	{"M1810", [3]string{"Ingénieur", "Ingénieure", "DevOps"}, []string{"Kubernetes", "Terraform", "CI/CD", "Linux", "AWS"}, [2]int{42000, 65000}, true},
	{"M1801", [3]string{"Administrateur", "Administratrice", "systèmes et réseaux"}, []string{"Linux", "Windows Server", "réseaux", "virtualisation", "sauvegardes"}, [2]int{32000, 48000}, true},
	{"M1802", [3]string{"Expert", "Experte", "en cybersécurité"}, []string{"sécurité", "pentest", "SOC", "ISO 27001", "réseaux"}, [2]int{45000, 70000}, true},
	{"M1803", [3]string{"Directeur", "Directrice", "technique (CTO)"}, []string{"management", "architecture", "budget", "recrutement"}, [2]int{70000, 110000}, true},
	{"M1806", [3]string{"Chef", "Cheffe", "de produit digital"}, []string{"product management", "agilité", "Scrum", "UX", "roadmap"}, [2]int{45000, 65000}, true},
	{"M1403", [3]string{"Data scientist", "Data scientist", ""}, []string{"Python", "machine learning", "statistiques", "SQL", "pandas"}, [2]int{42000, 62000}, true},
	{"J1506", [3]string{"Infirmier", "Infirmière", "diplômé d'État"}, []string{"soins", "relation patient", "urgences", "pharmacologie"}, [2]int{28000, 36000}, false},
	{"J1501", [3]string{"Aide-soignant", "Aide-soignante", ""}, []string{"soins d'hygiène", "accompagnement", "EHPAD"}, [2]int{22000, 27000}, false},
	{"D1102", [3]string{"Boulanger", "Boulangère", ""}, []string{"panification", "viennoiserie", "pétrissage", "hygiène alimentaire"}, [2]int{21000, 27000}, false},
	{"G1602", [3]string{"Cuisinier", "Cuisinière", ""}, []string{"cuisine traditionnelle", "HACCP", "mise en place"}, [2]int{21000, 28000}, false},
	{"G1803", [3]string{"Serveur", "Serveuse", "en restauration"}, []string{"service en salle", "accueil", "encaissement"}, [2]int{20000, 24000}, false},
	{"M1203", [3]string{"Comptable", "Comptable", ""}, []string{"comptabilité générale", "bilan", "Sage", "fiscalité", "Excel"}, [2]int{28000, 40000}, true},
	{"D1106", [3]string{"Vendeur", "Vendeuse", "en alimentation"}, []string{"vente", "conseil client", "caisse", "mise en rayon"}, [2]int{20000, 24000}, false},
	{"N4101", [3]string{"Chauffeur", "Chauffeuse", "poids lourd"}, []string{"permis C", "FIMO", "livraison", "chronotachygraphe"}, [2]int{24000, 32000}, false},
	{"F1603", [3]string{"Plombier", "Plombière", "chauffagiste"}, []string{"plomberie", "chauffage", "dépannage", "sanitaire"}, [2]int{24000, 34000}, false},
	{"I1304", [3]string{"Technicien", "Technicienne", "de maintenance"}, []string{"électromécanique", "automatismes", "GMAO", "hydraulique"}, [2]int{26000, 36000}, false},
	{"M1503", [3]string{"Chargé", "Chargée", "de ressources humaines"}, []string{"recrutement", "paie", "droit social", "SIRH"}, [2]int{32000, 45000}, true},
	{"E1103", [3]string{"Chargé", "Chargée", "de communication"}, []string{"réseaux sociaux", "rédaction", "événementiel", "PAO"}, [2]int{28000, 40000}, true},
	{"K2204", [3]string{"Agent", "Agente", "d'entretien"}, []string{"nettoyage", "hygiène", "autonomie"}, [2]int{20000, 22000}, false},
}

type demoCity struct {
	name, postcode string
	lat, lon       float64
}

var demoCities = []demoCity{
	{"Paris", "75010", 48.8763, 2.3601}, {"Paris", "75015", 48.8422, 2.2930}, {"Marseille", "13001", 43.2999, 5.3841},
	{"Lyon", "69003", 45.7597, 4.8422}, {"Toulouse", "31000", 43.6045, 1.4440}, {"Nice", "06000", 43.7009, 7.2684},
	{"Nantes", "44000", 47.2184, -1.5536}, {"Montpellier", "34000", 43.6108, 3.8767}, {"Strasbourg", "67000", 48.5734, 7.7521},
	{"Bordeaux", "33000", 44.8378, -0.5792}, {"Lille", "59000", 50.6292, 3.0573}, {"Rennes", "35000", 48.1173, -1.6778},
	{"Reims", "51100", 49.2583, 4.0317}, {"Toulon", "83000", 43.1242, 5.9280}, {"Saint-Étienne", "42000", 45.4397, 4.3872},
	{"Le Havre", "76600", 49.4944, 0.1079}, {"Grenoble", "38000", 45.1885, 5.7245}, {"Dijon", "21000", 47.3220, 5.0415},
	{"Angers", "49000", 47.4784, -0.5632}, {"Nîmes", "30000", 43.8367, 4.3601}, {"Villeurbanne", "69100", 45.7719, 4.8902},
	{"Clermont-Ferrand", "63000", 45.7772, 3.0870}, {"Le Mans", "72000", 48.0061, 0.1996}, {"Aix-en-Provence", "13100", 43.5297, 5.4474},
	{"Brest", "29200", 48.3904, -4.4861}, {"Tours", "37000", 47.3941, 0.6848}, {"Amiens", "80000", 49.8941, 2.2958},
	{"Limoges", "87000", 45.8336, 1.2611}, {"Annecy", "74000", 45.8992, 6.1294}, {"Perpignan", "66000", 42.6887, 2.8948},
	{"Metz", "57000", 49.1193, 6.1757}, {"Besançon", "25000", 47.2378, 6.0241}, {"Orléans", "45000", 47.9030, 1.9093},
	{"Rouen", "76000", 49.4432, 1.0999}, {"Caen", "14000", 49.1829, -0.3707}, {"Nancy", "54000", 48.6921, 6.1844},
	{"Argenteuil", "95100", 48.9472, 2.2467}, {"Montreuil", "93100", 48.8638, 2.4485}, {"Mulhouse", "68100", 47.7508, 7.3359},
	{"Ajaccio", "20000", 41.9192, 8.7386}, {"Bastia", "20200", 42.6970, 9.4509}, {"Saint-Denis", "97400", -20.8823, 55.4504},
	{"Pau", "64000", 43.2951, -0.3708}, {"La Rochelle", "17000", 46.1603, -1.1511}, {"Poitiers", "86000", 46.5802, 0.3404},
	{"Vannes", "56000", 47.6582, -2.7608}, {"Arcueil", "94110", 48.8058, 2.3360}, {"Villeneuve-d'Ascq", "59650", 50.6233, 3.1450},
}

var (
	demoCompanyA = []string{"Groupe", "Atelier", "Maison", "Société", "Cabinet", "Clinique", "Studio", "Compagnie", "Réseau", "Agence"}
	demoCompanyB = []string{"Lumière", "Horizon", "Boréal", "Azur", "Céleste", "Étoile", "Garonne", "Loire", "Vercors", "Armor",
		"Hexagone", "Mistral", "Océane", "Sequoia", "Tilleul", "Volcans", "Émeraude", "Granit", "Ardoise", "Cèdre"}
	demoSentences = []string{
		"Notre équipe, à taille humaine, accompagne des clients exigeants dans toute la région.",
		"Vous rejoindrez une structure reconnue pour la qualité de son travail et l'attention portée à chacun.",
		"Au quotidien, vous travaillerez en lien étroit avec vos collègues et votre responsable.",
		"Les missions évoluent avec votre expérience : nous privilégions la montée en compétences.",
		"Un parcours d'intégration de deux semaines vous permettra de découvrir nos méthodes.",
		"Nous attachons une grande importance à la sécurité, à la qualité et au respect des délais.",
		"Vous participerez à l'amélioration continue de nos outils et de notre organisation.",
		"Les horaires sont organisés à l'avance et les heures supplémentaires sont récupérées.",
		"Une mutuelle d'entreprise, des tickets restaurant et un comité social et économique complètent la rémunération.",
		"Le poste est accessible aux personnes en situation de handicap ; nous adaptons l'environnement de travail.",
		"Vous êtes curieux, rigoureux et vous aimez travailler en équipe : votre candidature nous intéresse.",
		"Une première expérience réussie est appréciée, mais la motivation compte autant que le diplôme.",
		"Nos locaux sont accessibles en transports en commun et disposent d'un parking vélo.",
		"Nous recrutons aussi des profils en reconversion, formés à nos côtés.",
		"L'entretien se déroule en deux étapes : un échange téléphonique puis une rencontre sur place.",
		"Vous serez force de proposition et n'hésiterez pas à partager vos idées.",
		"Le respect, l'écoute et l'entraide sont au cœur de notre culture d'entreprise.",
		"Des formations régulières vous permettront d'élargir votre champ d'action.",
	}
	demoContracts = []struct {
		name   string
		weight int
	}{{"cdi", 45}, {"cdd", 20}, {"alternance", 10}, {"stage", 7}, {"freelance", 8}, {"interim", 10}}
)

// demoEpoch is the day demo offers are dated from, so that a seed always
// gives the same offers.
var demoEpoch = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

type demoOffer struct {
	ID              string   `json:"id"`
	Source          string   `json:"source"`
	Title           string   `json:"title"`
	Company         string   `json:"company"`
	Description     string   `json:"description"`
	Contract        string   `json:"contract"`
	City            string   `json:"city"`
	Postcode        string   `json:"postcode"`
	Lat             float64  `json:"lat"`
	Lon             float64  `json:"lon"`
	RemoteDays      int      `json:"remote_days"`
	SalaryMin       int      `json:"salary_min,omitempty"`
	SalaryMax       int      `json:"salary_max,omitempty"`
	SalaryUnit      string   `json:"salary_unit,omitempty"`
	ExperienceYears int      `json:"experience_years"`
	Published       string   `json:"published"`
	URL             string   `json:"url"`
	Rome            string   `json:"rome"`
	Skills          []string `json:"skills"`
}

// Generate writes n synthetic offers, source "demo", as JSON Lines. The
// same seed gives the same offers.
func Generate(w io.Writer, n int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := 0; i < n; i++ {
		if err := enc.Encode(demo(r, i)); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func demo(r *rand.Rand, i int) demoOffer {
	m := demoMetiers[r.IntN(len(demoMetiers))]
	c := demoCities[r.IntN(len(demoCities))]
	o := demoOffer{
		ID: fmt.Sprintf("demo-%07d", i+1), Source: "demo", Rome: m.rome,
		Company: demoCompanyA[r.IntN(len(demoCompanyA))] + " " + demoCompanyB[r.IntN(len(demoCompanyB))],
		City:    c.name, Postcode: c.postcode,
		Lat: round4(c.lat + (r.Float64()-0.5)*0.04), Lon: round4(c.lon + (r.Float64()-0.5)*0.04),
		Contract: pickContract(r),
	}
	o.Title = demoTitle(r, m)
	o.URL = fmt.Sprintf("https://emploi.example/offres/%s", o.ID)
	o.Published = demoEpoch.Add(-time.Duration(r.IntN(60*24)) * time.Hour).Format(time.RFC3339)
	o.ExperienceYears = []int{0, 0, 1, 2, 2, 3, 3, 5, 5, 8}[r.IntN(10)]
	if o.Contract == "stage" || o.Contract == "alternance" {
		o.ExperienceYears = 0
	}
	if m.remote {
		o.RemoteDays = r.IntN(4)
		if r.IntN(10) == 0 {
			o.RemoteDays = 5
		}
	}
	perm := r.Perm(len(m.skills))
	for _, k := range perm[:2+r.IntN(min(3, len(m.skills)-1))] {
		o.Skills = append(o.Skills, m.skills[k])
	}
	demoSalary(r, m, &o)
	o.Description = demoDescription(r, m, o)
	return o
}

func pickContract(r *rand.Rand) string {
	n := r.IntN(100)
	for _, c := range demoContracts {
		if n < c.weight {
			return c.name
		}
		n -= c.weight
	}
	return "cdi"
}

// demoTitle writes the title the many ways offers do: "Développeur /
// Développeuse back-end", "Développeur back-end H/F", "Développeuse
// back-end", "Développeur·euse back-end".
func demoTitle(r *rand.Rand, m demoMetier) string {
	masc, fem, rest := m.titles[0], m.titles[1], m.titles[2]
	join := func(a string) string { return strings.TrimSpace(a + " " + rest) }
	switch r.IntN(5) {
	case 0:
		if masc != fem {
			return join(masc + " / " + fem)
		}
	case 1:
		return join(fem)
	case 2:
		if incl := inclusiveForm(masc, fem); incl != "" {
			return join(incl)
		}
	}
	return join(masc) + " H/F"
}

// inclusiveForm writes "Développeur·euse", "Administrateur·trice",
// "Infirmier·ère", "Technicien·ne", or "" when both forms are the same.
func inclusiveForm(masc, fem string) string {
	switch {
	case masc == fem:
		return ""
	case strings.HasSuffix(masc, "teur") && strings.HasSuffix(fem, "trice"):
		return masc + "·trice"
	case strings.HasSuffix(masc, "eur") && strings.HasSuffix(fem, "euse"):
		return masc + "·euse"
	}
	common := 0
	for common < len(masc) && common < len(fem) && masc[common] == fem[common] {
		common++
	}
	return masc + "·" + fem[common:]
}

func demoSalary(r *rand.Rand, m demoMetier, o *demoOffer) {
	lo := m.salary[0] + r.IntN(4)*1000
	hi := lo + 2000 + r.IntN(8)*1000
	switch {
	case o.Contract == "stage":
		o.SalaryMin, o.SalaryMax, o.SalaryUnit = 800, 800+r.IntN(5)*100, "month"
	case o.Contract == "alternance":
		o.SalaryMin, o.SalaryMax, o.SalaryUnit = 900+r.IntN(6)*100, 0, "month"
		o.SalaryMax = o.SalaryMin + 200
	case o.Contract == "freelance":
		day := hi / 120
		o.SalaryMin, o.SalaryMax, o.SalaryUnit = day-day%10, day-day%10+50+r.IntN(5)*10, "day"
	case r.IntN(5) == 0:
		// Many offers give no salary.
	case r.IntN(3) == 0:
		o.SalaryMin, o.SalaryMax, o.SalaryUnit = (lo/12)/50*50, (hi/12)/50*50, "month"
	default:
		o.SalaryMin, o.SalaryMax, o.SalaryUnit = lo, hi, "year"
	}
}

func demoDescription(r *rand.Rand, m demoMetier, o demoOffer) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s recrute un ou une %s à %s. ", o.Company, strings.ToLower(strings.TrimSpace(m.titles[0]+" "+m.titles[2])), o.City)
	fmt.Fprintf(&b, "Vos compétences en %s seront mises à profit dès votre arrivée. ", strings.Join(o.Skills, ", "))
	if o.RemoteDays > 0 {
		fmt.Fprintf(&b, "Le télétravail est possible %d jour%s par semaine. ", o.RemoteDays, map[bool]string{true: "s", false: ""}[o.RemoteDays > 1])
	}
	target := 100 + r.IntN(300)
	for words := strings.Count(b.String(), " "); words < target; {
		s := demoSentences[r.IntN(len(demoSentences))]
		b.WriteString(s)
		b.WriteByte(' ')
		words += strings.Count(s, " ") + 1
	}
	b.WriteString("Ces offres sont des données de démonstration, générées automatiquement par Vocation.")
	return b.String()
}

func round4(f float64) float64 { return float64(int(f*10000+0.5*sign(f))) / 10000 }

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}
