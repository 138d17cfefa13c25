// Package watch rebuilds a project when its inputs change, for
// `ismsforge watch` and `ismsforge serve`.
//
// It has three parts, each testable without a real file watcher:
//
//   - Filter decides which paths can change a build: isms.yaml, isms.lock
//     and everything under templates/, themes/ and assets/, minus editors'
//     temporary files. The output directory, releases/ and .git are never
//     watched, so a build cannot trigger itself.
//   - Batcher gathers changed paths until the project has been quiet for a
//     short while, or a maximum wait has passed. It never reads the clock;
//     callers pass the time in.
//   - Loop reads fsnotify events, adds watches for new directories, feeds
//     the Batcher and runs one rebuild at a time. Events that arrive during
//     a rebuild belong to the next batch.
//
// fsnotify watches directories, not files: editors save by writing a
// temporary file and renaming it over the original, which replaces the
// file a watch would have been attached to.
package watch
