package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ismsforge/ismsforge/engine"
)

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the ismsforge version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintln(cmd.OutOrStdout(), engine.Generator)
		},
	}
}
