// Package francetravail fetches job offers from France Travail's "Offres
// d'emploi v2" API, whole, for one snapshot import.
//
// What it relies on, from the API's published documentation (the
// "Rechercher par critères" page of the developer portal,
// francetravail.io/data/api/offres-emploi, and its OpenAPI description):
//
//   - the search is GET {base}/offres/search, base being
//     https://api.francetravail.io/partenaire/offresdemploi/v2;
//   - the access token is obtained with OAuth2 client credentials from
//     https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=/partenaire,
//     with the scopes "o2dsoffre" and "api_offresdemploiv2" ("Royaume :
//     /partenaire");
//   - "range : Pagination des données. La plage de résultats est limitée
//     à 150. Format : p-d, où p est l'index (débutant à 0) du premier
//     élément demandé ne devant pas dépasser 3000, d est l'index de dernier
//     élément demandé ne devant pas dépasser 3149" (older versions of the
//     page said 1000 and 1149: a query reaches at most 3,150 offers);
//   - "codeROME : Code ROME de l'offre" and "departement : Département de
//     l'offre", the criteria a query is made of and split by;
//   - "sort : 1 → Tri par date de création décroissant", a stable order
//     while paging;
//   - the answer is 200 when the range holds every result, 206 (Partial
//     Content) when more remain, with a header such as
//     "Content-Range: offres 0-149/353" (first-last/total), and 204 when
//     nothing matches; 429 when calls come too fast.
//
// A query whose total passes the 3,150 reachable is split by département,
// then by contract type; the offers of the parts must add up to it.
package francetravail
