-- Identity: agencies, clients, credentials, refresh sessions and the
-- pre-request check that makes revocation reach PostgREST.

create table public.resellers (
  id uuid primary key default gen_random_uuid(),
  -- URL-safe slug of the agency's public page, for example `impulso-digital`.
  slug text not null unique
    constraint resellers_slug_format check (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$'),
  agency_name text not null
    constraint resellers_agency_name_length check (char_length(agency_name) between 1 and 200),
  -- Only active agencies sign in new clients and show a public page.
  status text not null default 'active'
    constraint resellers_status_valid check (status in ('active', 'suspended', 'terminated')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.resellers is 'Agencies that resell OMEGA under their own brand.';

revoke all on table public.resellers from anon, authenticated, service_role;
grant all on table public.resellers to service_role;

create trigger resellers_set_updated_at
  before update on public.resellers
  for each row execute function private.set_updated_at();

alter table public.resellers enable row level security;


create table public.clients (
  id uuid primary key default gen_random_uuid(),
  -- Stored lower-case so uniqueness is case-insensitive without citext.
  email text not null unique
    constraint clients_email_lower_case check (email = lower(email))
    constraint clients_email_format check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(email) <= 254),
  full_name text not null
    constraint clients_full_name_length check (char_length(full_name) between 1 and 200),
  role text not null default 'client'
    constraint clients_role_valid check (role in ('client', 'reseller', 'owner')),
  -- The agency a client belongs to, or that a reseller admin runs. Null for
  -- direct clients and the owner.
  reseller_id uuid references public.resellers (id) on delete restrict,
  status text not null default 'active'
    constraint clients_status_valid check (status in ('active', 'suspended')),
  avatar_url text
    constraint clients_avatar_url_format check (avatar_url ~ '^https://' and char_length(avatar_url) <= 2048),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint clients_reseller_admin_has_agency check (role <> 'reseller' or reseller_id is not null),
  constraint clients_owner_has_no_agency check (role <> 'owner' or reseller_id is null)
);
comment on table public.clients is 'Everyone who signs in: clients, reseller admins and the owner.';
create index clients_reseller_id_idx on public.clients (reseller_id);

revoke all on table public.clients from anon, authenticated, service_role;
-- Users change only their display fields; email, role, agency and status are
-- written by the service through security-definer functions.
grant select on table public.clients to authenticated;
grant update (full_name, avatar_url) on table public.clients to authenticated;
grant all on table public.clients to service_role;

create trigger clients_set_updated_at
  before update on public.clients
  for each row execute function private.set_updated_at();

alter table public.clients enable row level security;

create policy "Clients can view their own profile"
  on public.clients for select to authenticated
  using (id = (select auth.uid()));

create policy "Clients can update their own profile"
  on public.clients for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));


create table private.credentials (
  client_id uuid primary key references public.clients (id) on delete cascade,
  -- bcrypt hash, never exposed: private is not a PostgREST schema.
  password_hash text not null,
  updated_at timestamptz not null default now()
);

-- A session is one sign-in. Its id travels in the access token as
-- `session_id`, so revoking it stops PostgREST requests too.
create table private.sessions (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_refreshed_at timestamptz,
  revoked_at timestamptz,
  revoked_reason text,
  user_agent text,
  ip inet
);
create index sessions_client_id_idx on private.sessions (client_id);

-- Refresh tokens are opaque; only their SHA-256 is stored. A rotated token
-- keeps its row so that presenting it again can be recognised as reuse.
create table private.refresh_tokens (
  token_hash bytea primary key,
  session_id uuid not null references private.sessions (id) on delete cascade,
  created_at timestamptz not null default now(),
  rotated_at timestamptz
);
create index refresh_tokens_session_id_idx on private.refresh_tokens (session_id);

-- Fixed-window counters for rate limits, shared by every API replica.
create table private.rate_limit_hits (
  bucket text not null,
  window_start timestamptz not null,
  hits integer not null default 0,
  primary key (bucket, window_start)
);
