"""Model -> facts, pure: coverage and flow, ranking, kits."""
