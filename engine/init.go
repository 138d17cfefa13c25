package engine

import "github.com/ismsforge/ismsforge/engine/starter"

// ExistsError refuses to overwrite a file.
type ExistsError = starter.ExistsError

// Init writes the starter isms.yaml for the organization o describes into
// dir, creating dir if needed. It refuses to overwrite an existing file.
// Package starter holds the starters and their placeholders.
func Init(dir string, o starter.Options) (starter.Written, error) { return starter.Write(dir, o) }
