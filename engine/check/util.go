package check

import (
	"fmt"
	"slices"
	"strings"
)

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// firstEight lists up to eight IDs and counts the rest: "A.5.1, A.5.2 and
// 85 more".
func firstEight(ids []string) string {
	list := strings.Join(ids[:min(len(ids), 8)], ", ")
	if len(ids) > 8 {
		list += fmt.Sprintf(" and %d more", len(ids)-8)
	}
	return list
}
