"""OMEGA backend: JWT minting, Stripe billing and content generation for Supabase."""

import warnings

# platformdirs warns on every `omega` command when XDG_RUNTIME_DIR is unset, as in
# containers and CI. The embedded server then uses a folder under /tmp, which is
# what this project wants anyway.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
