// Package static embeds the stylesheet and images and serves them under
// content-hashed names, so they can be cached for a year.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"path"
	"strings"
)

// js holds htmx, copied from static/node_modules by make; without it the
// pages work as they do without JavaScript.
//
//go:embed css img all:js
var files embed.FS

// Asset is one file, ready to serve.
type Asset struct {
	Body        []byte
	ContentType string
	ETag        string
}

// Assets maps hashed URLs to files.
type Assets struct {
	byURL  map[string]Asset
	hashed map[string]string
}

// Load reads and hashes every embedded file.
func Load() (*Assets, error) {
	a := &Assets{byURL: map[string]Asset{}, hashed: map[string]string{}}
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		body, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		h := hex.EncodeToString(sum[:])[:12]
		ext := path.Ext(p)
		url := "/static/" + strings.TrimSuffix(p, ext) + "." + h + ext
		ct := mime.TypeByExtension(ext)
		if ct == "" {
			ct = "application/octet-stream"
		}
		a.byURL[url] = Asset{Body: body, ContentType: ct, ETag: `"` + h + `"`}
		a.hashed[p] = url
		return nil
	})
	return a, err
}

// URL is the hashed address of a file such as "css/site.css".
func (a *Assets) URL(name string) string { return a.hashed[name] }

// Lookup finds the file behind a hashed address.
func (a *Assets) Lookup(url string) (Asset, bool) {
	asset, ok := a.byURL[url]
	return asset, ok
}
