package offer

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// demoBuiltinJob is an entry of the built-in list, written as ROME writes
// its appellations (see parseForms), with a yearly band for a confirmed
// employee. The list stands in for the referential in trees without it;
// with the referential, it gives its titles' bands and its codes' skills.
type demoBuiltinJob struct {
	rome   string
	label  string
	skills []string
	salary [2]int
	remote bool
}

var demoBuiltin = []demoBuiltinJob{
	{"M1805", "Développeur / Développeuse back-end", []string{"Go", "Java", "Python", "PHP", "SQL", "PostgreSQL", "API REST", "Docker", "Git"}, [2]int{38000, 60000}, true},
	{"M1805", "Développeur / Développeuse front-end", []string{"JavaScript", "TypeScript", "React", "Vue.js", "HTML", "CSS", "accessibilité"}, [2]int{35000, 55000}, true},
	{"M1805", "Développeur / Développeuse full-stack", []string{"Node.js", "React", "SQL", "Docker", "TypeScript"}, [2]int{38000, 58000}, true},
	{"M1805", "Développeur / Développeuse d'applications mobiles", []string{"Kotlin", "Swift", "Flutter", "Android", "iOS"}, [2]int{38000, 58000}, true},
	{"M1805", "Architecte logiciel", []string{"architecture", "microservices", "Java", "cloud"}, [2]int{55000, 80000}, true},
	{"M1810", "Ingénieur / Ingénieure DevOps", []string{"Kubernetes", "Terraform", "CI/CD", "Linux", "AWS"}, [2]int{42000, 65000}, true},
	{"M1801", "Administrateur / Administratrice systèmes et réseaux", []string{"Linux", "Windows Server", "réseaux", "virtualisation", "sauvegardes"}, [2]int{32000, 48000}, true},
	{"M1802", "Expert / Experte en cybersécurité", []string{"sécurité", "pentest", "SOC", "ISO 27001", "réseaux"}, [2]int{45000, 70000}, true},
	{"M1803", "Directeur / Directrice technique (CTO)", []string{"management", "architecture", "budget", "recrutement"}, [2]int{70000, 110000}, true},
	{"M1806", "Chef / Cheffe de produit digital", []string{"product management", "agilité", "Scrum", "UX", "roadmap"}, [2]int{45000, 65000}, true},
	{"M1403", "Data scientist", []string{"Python", "machine learning", "statistiques", "SQL", "pandas"}, [2]int{42000, 62000}, true},
	{"J1506", "Infirmier diplômé / Infirmière diplômée d'État", []string{"soins", "relation patient", "urgences", "pharmacologie"}, [2]int{28000, 36000}, false},
	{"J1501", "Aide-soignant / Aide-soignante", []string{"soins d'hygiène", "accompagnement", "EHPAD"}, [2]int{22000, 27000}, false},
	{"D1102", "Boulanger / Boulangère", []string{"panification", "viennoiserie", "pétrissage", "hygiène alimentaire"}, [2]int{21700, 27000}, false},
	{"G1602", "Cuisinier / Cuisinière", []string{"cuisine traditionnelle", "HACCP", "mise en place"}, [2]int{21700, 28000}, false},
	{"G1803", "Serveur / Serveuse en restauration", []string{"service en salle", "accueil", "encaissement"}, [2]int{21700, 24000}, false},
	{"M1203", "Comptable", []string{"comptabilité générale", "bilan", "Sage", "fiscalité", "Excel"}, [2]int{28000, 40000}, true},
	{"D1106", "Vendeur / Vendeuse en alimentation", []string{"vente", "conseil client", "caisse", "mise en rayon"}, [2]int{21700, 24000}, false},
	{"N4101", "Chauffeur / Chauffeuse poids lourd", []string{"permis C", "FIMO", "livraison", "chronotachygraphe"}, [2]int{24000, 32000}, false},
	{"F1603", "Plombier / Plombière chauffagiste", []string{"plomberie", "chauffage", "dépannage", "sanitaire"}, [2]int{24000, 34000}, false},
	{"I1304", "Technicien / Technicienne de maintenance", []string{"électromécanique", "automatismes", "GMAO", "hydraulique"}, [2]int{26000, 36000}, false},
	{"M1503", "Chargé / Chargée de ressources humaines", []string{"recrutement", "paie", "droit social", "SIRH"}, [2]int{32000, 45000}, true},
	{"E1103", "Chargé / Chargée de communication", []string{"réseaux sociaux", "rédaction", "événementiel", "PAO"}, [2]int{28000, 40000}, true},
	{"K2204", "Agent / Agente d'entretien", []string{"nettoyage", "hygiène", "autonomie"}, [2]int{21700, 23000}, false},
}

// demoSMIC is the legal minimum wage for a full-time year, rounded up
// (1,801.80 euros gross a month in 2025).
const demoSMIC = 21700

// demoBands are yearly gross bands, full time, for a confirmed employee
// who is not a cadre, per ROME domain, A to N. There is no salary source
// behind them: they are orders of magnitude for demonstration offers,
// which the site labels as such. demoBand adjusts them per métier.
var demoBands = [14][2]int{
	{21700, 26000}, // A agriculture, fishing, green spaces
	{22000, 28000}, // B arts and crafts
	{26000, 34000}, // C banking, insurance, real estate
	{21700, 27000}, // D commerce and retail
	{26000, 35000}, // E communication, media
	{23000, 31000}, // F building and public works
	{21700, 26000}, // G hotels, restaurants, tourism
	{24000, 32000}, // H industry
	{24000, 32000}, // I installation and maintenance
	{23000, 31000}, // J health
	{21700, 27000}, // K personal and community services
	{22000, 30000}, // L performing arts
	{26000, 36000}, // M business support, IT
	{22000, 29000}, // N transport and logistics
}

// demoBand is the plausible yearly band of a title the built-in list does
// not have: its domain's band; for a cadre job (emploi_cadre O in ROME's
// metiers.csv) half as much again at the bottom and 60 % more at the top,
// at least 36,000 to 50,000; then by the title's first word, 40 % more
// for a director, 15 % more for a manager or an engineer, 10 % less for
// an assistant, an apprentice or an agent; never below the minimum wage.
// So a "Directeur / Directrice des systèmes d'information" (M, cadre)
// gets 54,500 to 80,500 euros a year, a "Chargé / Chargée d'études
// statistiques" (M, cadre) 39,000 to 57,500, an "Agent / Agente de
// service hospitalier" (J) 21,700 to 27,500.
func demoBand(code string, cadre bool, first string) [2]int {
	b := demoBands[code[0]-'A']
	if cadre {
		b = [2]int{max(36000, b[0]*3/2), max(50000, b[1]*8/5)}
	}
	switch strings.ToLower(first) {
	case "directeur", "directrice", "chief", "dirigeant", "dirigeante", "président", "présidente":
		b = [2]int{b[0] * 7 / 5, b[1] * 7 / 5}
	case "responsable", "chef", "cheffe", "manager", "ingénieur", "ingénieure", "cadre":
		b = [2]int{b[0] * 23 / 20, b[1] * 23 / 20}
	case "aide", "apprenti", "apprentie", "commis", "commise", "employé", "employée", "agent", "agente", "manœuvre":
		b = [2]int{b[0] * 9 / 10, b[1] * 9 / 10}
	}
	b[0] = max(demoSMIC, b[0]/500*500)
	b[1] = max(b[0]+2000, b[1]/500*500)
	return b
}

// demoSkillsOf are skills offers list, per ROME domain or family (the
// longest prefix of the code wins).
var demoSkillsOf = map[string][]string{
	"A":   {"conduite d'engins", "entretien du matériel", "travail en extérieur", "règles de sécurité", "soins aux animaux", "taille et plantation"},
	"B":   {"travail du bois", "finitions", "lecture de plans", "outillage à main", "restauration d'objets", "précision"},
	"C":   {"relation client", "conformité", "analyse de risques", "Excel", "réglementation", "négociation"},
	"D":   {"vente", "conseil client", "encaissement", "mise en rayon", "gestion des stocks", "merchandising"},
	"E":   {"rédaction", "réseaux sociaux", "PAO", "gestion de projet", "vidéo", "relations presse"},
	"F":   {"lecture de plans", "sécurité sur chantier", "métré", "travail en hauteur", "habilitation électrique", "finitions"},
	"G":   {"accueil", "service en salle", "HACCP", "anglais", "réservations", "mise en place"},
	"H":   {"contrôle qualité", "lecture de plans", "conduite de ligne", "lean manufacturing", "CAO", "sécurité industrielle"},
	"I":   {"électromécanique", "diagnostic de pannes", "habilitation électrique", "hydraulique", "GMAO", "automatismes"},
	"J":   {"soins", "relation patient", "hygiène", "transmissions", "dossier patient informatisé", "travail en équipe pluridisciplinaire"},
	"K":   {"accompagnement", "écoute", "entretien des locaux", "animation", "aide à la personne", "travail en réseau"},
	"L":   {"régie", "éclairage", "son", "montage", "accueil du public", "production"},
	"M":   {"Excel", "gestion administrative", "comptabilité", "ERP", "anglais professionnel", "gestion de projet"},
	"M18": {"SQL", "Linux", "Python", "Java", "réseaux", "cloud", "Git", "sécurité informatique"},
	"N":   {"permis C", "CACES", "gestion des stocks", "préparation de commandes", "transport de marchandises", "WMS"},
}

func demoSkills(code string) []string {
	for n := len(code); n > 0; n-- {
		if s, ok := demoSkillsOf[code[:n]]; ok {
			return s
		}
	}
	return demoSkillsOf["M"]
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
	{"Les Sables-d'Olonne", "85100", 46.4967, -1.7831},
}

// demoCompanyKinds start company names, per ROME domain; "" for the others.
var demoCompanyKinds = map[byte][]string{
	'A': {"Domaine", "Coopérative", "Pépinières", "Groupe"},
	'D': {"Maison", "Magasin", "Boutique", "Comptoir", "Groupe"},
	'G': {"Hôtel", "Restaurant", "Brasserie", "Maison", "Groupe"},
	'J': {"Clinique", "Centre de santé", "Résidence", "Cabinet", "Groupe"},
	'N': {"Transports", "Logistique", "Groupe"},
	0:   {"Groupe", "Atelier", "Maison", "Société", "Cabinet", "Studio", "Compagnie", "Réseau", "Agence"},
}

var (
	demoCompanyB = []string{"Lumière", "Horizon", "Boréal", "Azur", "Céleste", "Étoile", "Garonne", "Loire", "Vercors", "Armor",
		"Hexagone", "Mistral", "Océane", "Sequoia", "Tilleul", "Volcans", "Émeraude", "Granit", "Ardoise", "Cèdre"}
	// demoSentences are what descriptions are made of, in the order an
	// offer reads: the employer, the missions, the profile, what the job
	// gives, how to apply. Each is written for anyone, with no word that
	// would agree with the reader's gender, and appears at most once in
	// a description.
	demoSentences = [][]string{{
		"Notre équipe, à taille humaine, accompagne des clients exigeants dans toute la région.",
		"Vous rejoindrez une structure reconnue pour la qualité de son travail et l'attention portée à chacun.",
		"Fondée il y a plus de vingt ans, notre entreprise a grandi sans perdre son esprit d'équipe.",
		"Nous sommes une structure indépendante, attachée à son ancrage local.",
		"Le respect, l'écoute et l'entraide sont au cœur de notre culture d'entreprise.",
		"Notre activité se développe et nous renforçons nos équipes cette année.",
		"Nous attachons une grande importance à la sécurité, à la qualité et au respect des délais.",
	}, {
		"Au quotidien, vous travaillerez en lien étroit avec vos collègues et votre responsable.",
		"Les missions évoluent avec votre expérience\u00a0: nous privilégions la montée en compétences.",
		"Vous participerez à l'amélioration continue de nos outils et de notre organisation.",
		"Vous serez force de proposition et n'hésiterez pas à partager vos idées.",
		"Vous organiserez votre activité selon les priorités fixées chaque semaine avec l'équipe.",
		"Vous veillerez au respect des règles d'hygiène, de sécurité et de qualité propres au métier.",
		"Vous rendrez compte de votre activité et signalerez toute difficulté rencontrée.",
		"Vous accompagnerez à votre tour les nouvelles recrues lors de leur arrivée.",
		"Vous contribuerez à la bonne tenue du matériel et des espaces de travail.",
	}, {
		"Une première expérience réussie est appréciée, mais la motivation compte autant que le diplôme.",
		"Nous recrutons aussi des profils en reconversion, formés à nos côtés.",
		"La curiosité, la rigueur et le goût du travail en équipe sont les qualités que nous recherchons.",
		"Votre sens de l'organisation et votre fiabilité feront la différence.",
		"Vous savez vous adapter aux imprévus et garder votre calme dans les moments chargés.",
		"Le sens du service et une bonne capacité d'écoute sont indispensables pour ce poste.",
	}, {
		"Une mutuelle d'entreprise, des tickets restaurant et un comité social et économique complètent la rémunération.",
		"Les horaires sont organisés à l'avance et les heures supplémentaires sont récupérées.",
		"Des formations régulières vous permettront d'élargir votre champ d'action.",
		"Un parcours d'intégration de deux semaines vous permettra de découvrir nos méthodes.",
		"Un accord d'intéressement associe toute l'équipe aux résultats de l'entreprise.",
		"La moitié de votre abonnement de transport en commun est prise en charge.",
		"Vous bénéficierez de cinq semaines de congés payés et de jours de repos supplémentaires.",
	}, {
		"L'entretien se déroule en deux étapes\u00a0: un échange téléphonique puis une rencontre sur place.",
		"Le poste est accessible aux personnes en situation de handicap\u00a0; nous adaptons l'environnement de travail.",
		"Nous répondons à chaque candidature sous quinze jours.",
		"Un CV et quelques lignes sur votre parcours suffisent pour commencer.",
		"Une journée d'immersion peut être proposée avant toute décision.",
	}}
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
	Rome            string   `json:"rome"`
	Skills          []string `json:"skills"`
}

// Generate writes n synthetic offers from the built-in list, source
// "demo", as JSON Lines. The same seed gives the same offers.
func Generate(w io.Writer, n int, seed uint64) error {
	return BuiltinDemoSource().Generate(w, n, seed)
}

// Generate writes n synthetic offers, source "demo", as JSON Lines: a
// share of them for the codes of the fiches, in turn, so that each fiche
// has some fifty offers among a few thousand; the others for any code,
// each domain as likely. The same source and seed give the same offers.
// They have no address to apply at: they are no real job.
func (s *DemoSource) Generate(w io.Writer, n int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	share := 0.0
	if len(s.fiches) > 0 && n > 0 {
		share = min(0.8, max(0.3, float64(50*len(s.fiches))/float64(n)))
	}
	var domains []int
	for d, codes := range s.domains {
		if len(codes) > 0 {
			domains = append(domains, d)
		}
	}
	turn := 0
	for i := range n {
		var j demoJob
		if r.Float64() < share {
			f := s.fiches[turn%len(s.fiches)]
			turn++
			j = f.jobs[r.IntN(len(f.jobs))]
			// Most of a fiche's offers are titled with its own name, the
			// others with a title of its code.
			if others := s.byCode[j.rome]; len(others) > 0 && r.IntN(5) < 2 {
				j = s.jobs[others[r.IntN(len(others))]]
			}
		} else {
			codes := s.domains[domains[r.IntN(len(domains))]]
			jobs := s.byCode[codes[r.IntN(len(codes))]]
			j = s.jobs[jobs[r.IntN(len(jobs))]]
		}
		if err := enc.Encode(demo(r, i, j)); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func demo(r *rand.Rand, i int, j demoJob) demoOffer {
	c := demoCities[r.IntN(len(demoCities))]
	kinds := demoCompanyKinds[j.rome[0]]
	if kinds == nil {
		kinds = demoCompanyKinds[0]
	}
	o := demoOffer{
		ID: fmt.Sprintf("demo-%07d", i+1), Source: "demo", Rome: j.rome,
		Company: kinds[r.IntN(len(kinds))] + " " + demoCompanyB[r.IntN(len(demoCompanyB))],
		City:    c.name, Postcode: c.postcode,
		Lat: round4(c.lat + (r.Float64()-0.5)*0.04), Lon: round4(c.lon + (r.Float64()-0.5)*0.04),
		Contract: pickContract(r),
	}
	if o.Contract == "freelance" && !j.remote {
		// Freelance missions are for the trades that have them.
		o.Contract = "cdd"
	}
	var fem bool
	o.Title, fem = demoTitle(r, j)
	o.Published = demoEpoch.Add(-time.Duration(r.IntN(60*24)) * time.Hour).Format(time.RFC3339)
	o.ExperienceYears = []int{0, 0, 1, 2, 2, 3, 3, 5, 5, 8}[r.IntN(10)]
	if o.Contract == "stage" || o.Contract == "alternance" {
		o.ExperienceYears = 0
	}
	if j.remote {
		o.RemoteDays = r.IntN(4)
		if r.IntN(10) == 0 {
			o.RemoteDays = 5
		}
	}
	perm := r.Perm(len(j.skills))
	for _, k := range perm[:2+r.IntN(min(3, len(j.skills)-1))] {
		o.Skills = append(o.Skills, j.skills[k])
	}
	demoSalary(r, j, &o)
	o.Description = demoDescription(r, j, o, fem)
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

// demoTitle writes the title the many ways offers do: "Infirmier diplômé
// / Infirmière diplômée d'État", "Infirmier diplômé d'État H/F",
// "Infirmière diplômée d'État", "Infirmier·ère diplômé·e d'État"; fem
// says the title is the feminine form alone.
func demoTitle(r *rand.Rand, j demoJob) (title string, fem bool) {
	masc := strings.Join(j.masc, " ")
	if slices.Equal(j.masc, j.fem) {
		if r.IntN(2) == 0 {
			return masc, false
		}
		return masc + " H/F", false
	}
	switch r.IntN(5) {
	case 0:
		return slashForm(j.masc, j.fem), false
	case 1:
		return strings.Join(j.fem, " "), true
	case 2:
		return inclusive(j.masc, j.fem), false
	}
	return masc + " H/F", false
}

// slashForm writes both forms as ROME does, the words that differ once
// each: "Analyste concepteur / conceptrice informatique".
func slashForm(masc, fem []string) string {
	first, last := 0, len(masc)-1
	for masc[first] == fem[first] {
		first++
	}
	for masc[last] == fem[last] {
		last--
	}
	parts := append(slices.Clone(masc[:first]), strings.Join(masc[first:last+1], " ")+" /")
	parts = append(parts, fem[first:last+1]...)
	return strings.Join(append(parts, masc[last+1:]...), " ")
}

// inclusive writes both forms in one, word by word: "Infirmier·ère
// diplômé·e d'État".
func inclusive(masc, fem []string) string {
	words := make([]string, len(masc))
	for i := range masc {
		words[i] = masc[i]
		if masc[i] != fem[i] {
			words[i] = inclusiveForm(masc[i], fem[i])
		}
	}
	return strings.Join(words, " ")
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
	for common > 0 && common < len(fem) && !utf8.RuneStart(fem[common]) {
		common--
	}
	return masc + "·" + fem[common:]
}

// demoSalary picks a range within the job's band, or a trainee's,
// apprentice's or freelancer's pay, or none, as many offers give none.
func demoSalary(r *rand.Rand, j demoJob, o *demoOffer) {
	span := j.salary[1] - j.salary[0]
	lo := j.salary[0] + r.IntN(span/1000+1)*500
	hi := min(j.salary[1], lo+span/4/500*500+r.IntN(span/1000+1)*500)
	if hi <= lo {
		hi = lo + 1000
	}
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
		o.SalaryMin, o.SalaryMax, o.SalaryUnit = (lo/12+9)/10*10, (hi/12+9)/10*10, "month"
	default:
		o.SalaryMin, o.SalaryMax, o.SalaryUnit = lo, hi, "year"
	}
}

// demoDescription writes an offer's text: who recruits whom where, the
// skills, remote work, the contract, then sentences of each part of an
// offer, none twice, up to a length drawn for the offer. Its words agree
// with the title's form: "une infirmière diplômée d'État" for the
// feminine alone, "un ou une infirmier·ère diplômé·e d'État" otherwise.
func demoDescription(r *rand.Rand, j demoJob, o demoOffer, fem bool) string {
	who := "un ou une " + lowerTitle(inclusive(j.masc, j.fem))
	if fem {
		who = "une " + lowerTitle(strings.Join(j.fem, " "))
	}
	var b strings.Builder
	b.Grow(4096)
	fmt.Fprintf(&b, "%s recrute %s %s. ", o.Company, who, at(o.City))
	fmt.Fprintf(&b, "Vos compétences en %s seront mises à profit dès votre arrivée. ", joinAnd(o.Skills))
	if o.RemoteDays > 0 {
		fmt.Fprintf(&b, "Le télétravail est possible %d jour%s par semaine. ", o.RemoteDays, map[bool]string{true: "s", false: ""}[o.RemoteDays > 1])
	}
	switch o.Contract {
	case "cdi":
		b.WriteString("Le poste est proposé en CDI, à pourvoir dès que possible. ")
	case "cdd":
		fmt.Fprintf(&b, "Il s'agit d'un CDD de %d mois, qui peut déboucher sur un poste durable. ", []int{3, 4, 6, 9, 12}[r.IntN(5)])
	case "alternance":
		b.WriteString("Ce contrat en alternance se prépare avec une école partenaire, qui en fixe le rythme avec nous. ")
	case "stage":
		fmt.Fprintf(&b, "Le stage dure %d mois et fait l'objet d'une gratification. ", []int{2, 4, 6}[r.IntN(3)])
	case "freelance":
		fmt.Fprintf(&b, "La mission, en freelance, dure %d mois pour commencer. ", []int{1, 3, 6}[r.IntN(3)])
	case "interim":
		fmt.Fprintf(&b, "La mission d'intérim dure %d semaines et peut être renouvelée. ", []int{2, 4, 6, 8}[r.IntN(4)])
	}
	// How many sentences of each part: one more of each in turn until
	// the description is long enough or every sentence is used.
	parts := make([][]string, len(demoSentences))
	for k, all := range demoSentences {
		parts[k] = make([]string, 0, len(all)+1)
		for _, p := range r.Perm(len(all)) {
			parts[k] = append(parts[k], all[p])
		}
	}
	parts[0] = append(parts[0], "Notre site "+of(o.City)+" est facile d'accès en transports en commun.")
	r.Shuffle(len(parts[0]), func(a, b int) { parts[0][a], parts[0][b] = parts[0][b], parts[0][a] })
	take := make([]int, len(parts))
	target, words := 100+r.IntN(250), strings.Count(b.String(), " ")+12
	for more := true; more && words < target; {
		more = false
		for k := range parts {
			if take[k] < len(parts[k]) && words < target {
				words += strings.Count(parts[k][take[k]], " ") + 1
				take[k]++
				more = true
			}
		}
	}
	for k := range parts {
		for _, s := range parts[k][:take[k]] {
			b.WriteString(s)
			b.WriteByte(' ')
		}
	}
	b.WriteString("Cette offre est une donnée de démonstration, générée automatiquement par Vocation\u00a0: elle ne correspond à aucun poste réel.")
	return b.String()
}

// lowerTitle lowers the capital that starts a word of a title, within a
// sentence, unless the word has other capitals (CTO, DevOps) or is État.
func lowerTitle(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) && strings.ToLower(w[n:]) == w[n:] && w != "État" {
			words[i] = string(unicode.ToLower(r)) + w[n:]
		}
	}
	return strings.Join(words, " ")
}

// at is "à" and a place, contracted with its article: "au Havre", "aux
// Sables-d'Olonne", "à La Rochelle", "à Lyon".
func at(city string) string {
	if rest, ok := strings.CutPrefix(city, "Le "); ok {
		return "au " + rest
	}
	if rest, ok := strings.CutPrefix(city, "Les "); ok {
		return "aux " + rest
	}
	return "à " + city
}

// of is "de" and a place, contracted or elided: "du Havre", "des
// Sables-d'Olonne", "d'Angers", "de La Rochelle", "de Lyon".
func of(city string) string {
	if rest, ok := strings.CutPrefix(city, "Le "); ok {
		return "du " + rest
	}
	if rest, ok := strings.CutPrefix(city, "Les "); ok {
		return "des " + rest
	}
	if r, _ := utf8.DecodeRuneInString(city); strings.ContainsRune("AEIOUYÉÈÊÂÎÔ", r) {
		return "d'" + city
	}
	return "de " + city
}

// joinAnd joins words the French way: "Go, SQL et Docker".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " et " + words[len(words)-1]
}

func round4(f float64) float64 { return float64(int(f*10000+0.5*sign(f))) / 10000 }

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}
