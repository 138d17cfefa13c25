package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ismsforge/ismsforge/engine/starter"
)

func newInitCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a commented starter isms.yaml into DIR (default .)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := dirArg(args)
			path, err := starter.Write(dir)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), `wrote %s

Next steps:
  1. Edit %s: replace the example organization's name, people, scope,
     technology, risks and control decisions with your own.
  2. Build the pack:        ismsforge build %s
  3. Open %s/out/html/index.html in a browser.
`, path, path, dir, dir)
			return nil
		},
	}
}
