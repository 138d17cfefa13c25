// Package examples embeds the example projects' facts, so that `ismsforge
// init` can write a commented starter file without the source tree.
package examples

import _ "embed"

// Starter is the facts file of the acme-saas example, the starting point
// `ismsforge init` writes.
//
//go:embed acme-saas/isms.yaml
var Starter []byte
