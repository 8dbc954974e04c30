package web

import (
	"maps"
	"slices"
)

// The icons come from Lucide (lucide-static, ISC licence). Only those
// named here are built into static/img/icons.svg (make icons), one
// <symbol> each, its id the icon's Lucide name.

// sectorIcons are one per sector of content/secteurs.yaml.
var sectorIcons = map[string]string{
	"numerique":                            "laptop",
	"sante-social":                         "heart-pulse",
	"education-animation":                  "graduation-cap",
	"btp":                                  "hard-hat",
	"industrie-maintenance":                "factory",
	"transport-logistique":                 "truck",
	"commerce-vente":                       "store",
	"hotellerie-restauration-alimentation": "chef-hat",
	"agriculture-environnement":            "sprout",
}

// riasecIcons are one per RIASEC type, by its letter.
var riasecIcons = map[string]string{
	"R": "wrench",
	"I": "microscope",
	"A": "palette",
	"S": "handshake",
	"E": "rocket",
	"C": "clipboard-list",
}

// The home page's other ways in; otherIcon stands for a sector that has
// none of its own yet.
const (
	quizIcon   = "sparkles"
	levelIcon  = "book-open"
	offersIcon = "briefcase"
	otherIcon  = "compass"
)

// SectorIcon is the icon of a sector, by its key.
func SectorIcon(key string) string {
	if name, ok := sectorIcons[key]; ok {
		return name
	}
	return otherIcon
}

// RiasecIcon is the icon of a RIASEC type, by its letter.
func RiasecIcon(letter string) string {
	if name, ok := riasecIcons[letter]; ok {
		return name
	}
	return otherIcon
}

// IconNames are every icon the pages use, sorted: what the sprite holds.
func IconNames() []string {
	set := map[string]bool{quizIcon: true, levelIcon: true, offersIcon: true, otherIcon: true}
	for _, m := range []map[string]string{sectorIcons, riasecIcons} {
		for name := range maps.Values(m) {
			set[name] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}
