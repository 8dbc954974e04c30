package offerindex

import (
	"math"
	"strings"

	"vocation/internal/text"
)

// Place is a city as offers name it, with its département and a position.
type Place struct {
	City        string
	Postcode    string
	Departement string
	Lat, Lon    float64
	HasGeo      bool
}

// distance is the distance of a document from the place searched, in km;
// +Inf for a document without coordinates.
func (c *compiled) distance(ix *Index, doc uint32) float64 {
	lat, lon := ix.position(doc)
	if c.near == nil || math.IsNaN(lat) {
		return math.Inf(1)
	}
	return haversine(c.near.Lat, c.near.Lon, lat, lon)
}

// hav orders documents by distance as distance does, without the arc
// sine and square root: the haversine of the angle grows with it.
func (c *compiled) hav(ix *Index, doc uint32) float64 {
	lat, lon := ix.position(doc)
	if c.near == nil || math.IsNaN(lat) {
		return math.Inf(1)
	}
	return c.havAt(lat, lon)
}

func (c *compiled) havAt(lat, lon float64) float64 {
	sLat := math.Sin((lat - c.near.Lat) * math.Pi / 360)
	sLon := math.Sin((lon - c.near.Lon) * math.Pi / 360)
	return sLat*sLat + c.cosLat*math.Cos(lat*math.Pi/180)*sLon*sLon
}

// within reports whether doc lies in the circle searched. A flat map,
// scaled at the centre's latitude, is off by under 2 % within 200 km
// below 60°: it decides every document but those within 5 % of the edge,
// which haversine does.
func (c *compiled) within(ix *Index, doc uint32) bool {
	lat, lon := ix.position(doc)
	if math.IsNaN(lat) {
		return false
	}
	if !c.flat {
		return c.havAt(lat, lon) <= c.maxHav
	}
	const kmPerDegree = earthRadius * math.Pi / 180
	x, y := (lon-c.near.Lon)*c.cosLat*kmPerDegree, (lat-c.near.Lat)*kmPerDegree
	switch d2 := x*x + y*y; {
	case d2 < c.radius*c.radius*0.95*0.95:
		return true
	case d2 > c.radius*c.radius*1.05*1.05:
		return false
	}
	return c.havAt(lat, lon) <= c.maxHav
}

const earthRadius = 6371.0 // km

func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = earthRadius
	dLat := (lat2 - lat1) * math.Pi / 180
	dLon := (lon2 - lon1) * math.Pi / 180
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*math.Pi/180)*math.Cos(lat2*math.Pi/180)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

// FindPlace resolves what a person typed as a place: a postcode, a
// département number, or a city name (accents and case ignored). It sets
// the matching filter and, when the place has a position, Near.
func (ix *Index) FindPlace(typed string, f *Filters) bool {
	typed = strings.TrimSpace(typed)
	t := text.Fold(typed)
	if t == "" {
		return false
	}
	if i, ok := ix.byPostcode[typed]; ok {
		f.Postcode = typed
		if p := ix.places[i]; p.HasGeo {
			f.Near = &p
		}
		return true
	}
	if len(typed) <= 3 {
		dep := strings.ToUpper(typed)
		if len(dep) == 1 {
			dep = "0" + dep
		}
		if ix.byDep[dep] != nil {
			f.Departement = dep
			return true
		}
	}
	places := ix.byCity[t]
	if len(places) == 0 {
		return false
	}
	f.City = typed
	for _, i := range places {
		if p := ix.places[i]; p.HasGeo {
			f.Near = &p
			break
		}
	}
	return true
}

// position is doc's latitude and longitude, NaN for none.
func (ix *Index) position(doc uint32) (float64, float64) {
	b, i := ix.blocks[doc>>blockBits], doc&blockMask
	return float64(b.lat[i]), float64(b.lon[i])
}
