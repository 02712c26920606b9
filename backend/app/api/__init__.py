"""HTTP layer: routes, dependencies, middleware and error mapping."""
