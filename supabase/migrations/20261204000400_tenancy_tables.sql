-- Tenancy data model: agency details and branding, leads, client context,
-- social accounts, plans, subscriptions, invitations and generation usage.
-- Tables start closed (RLS on, no grants); their grants and policies live in
-- the migrations that follow, next to the access matrix in policies/.

alter table public.resellers
  add column contact_email text
    constraint resellers_contact_email_format check (contact_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  add column contact_name text
    constraint resellers_contact_name_length check (char_length(contact_name) <= 200),
  -- OMEGA's share of the agency's revenue, as a fraction.
  add column commission_rate numeric(5, 4) not null default 0.2000
    constraint resellers_commission_rate_fraction check (commission_rate >= 0 and commission_rate <= 1);


create table public.reseller_branding (
  reseller_id uuid primary key references public.resellers (id) on delete cascade,
  logo_url text
    constraint reseller_branding_logo_url_format check (logo_url ~ '^https://' and char_length(logo_url) <= 2048),
  primary_color text not null default '#1F2937'
    constraint reseller_branding_primary_color_hex check (primary_color ~ '^#[0-9A-Fa-f]{6}$'),
  secondary_color text not null default '#F59E0B'
    constraint reseller_branding_secondary_color_hex check (secondary_color ~ '^#[0-9A-Fa-f]{6}$'),
  hero_title text
    constraint reseller_branding_hero_title_length check (char_length(hero_title) <= 200),
  hero_subtitle text
    constraint reseller_branding_hero_subtitle_length check (char_length(hero_subtitle) <= 500),
  cta_text text
    constraint reseller_branding_cta_text_length check (char_length(cta_text) <= 80),
  contact_email text
    constraint reseller_branding_contact_email_format check (contact_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  contact_phone text
    constraint reseller_branding_contact_phone_format check (contact_phone ~ '^\+?[0-9 ()-]{6,30}$'),
  -- Platform name to profile URL, for example {"instagram": "https://instagram.com/impulso"}.
  social_links jsonb not null default '{}'::jsonb
    constraint reseller_branding_social_links_object check (jsonb_typeof(social_links) = 'object'),
  footer_text text
    constraint reseller_branding_footer_text_length check (char_length(footer_text) <= 500),
  updated_at timestamptz not null default now()
);
comment on table public.reseller_branding is 'White-label look of an agency''s public page, one row per agency.';
create trigger reseller_branding_set_updated_at
  before update on public.reseller_branding
  for each row execute function private.set_updated_at();
alter table public.reseller_branding enable row level security;


create table public.leads (
  id uuid primary key default gen_random_uuid(),
  reseller_id uuid not null references public.resellers (id) on delete cascade,
  name text not null
    constraint leads_name_length check (char_length(name) between 1 and 200),
  email text not null
    constraint leads_email_format check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(email) <= 254),
  phone text
    constraint leads_phone_format check (phone ~ '^\+?[0-9 ()-]{6,30}$'),
  message text
    constraint leads_message_length check (char_length(message) <= 2000),
  source text not null default 'public_page'
    constraint leads_source_length check (char_length(source) between 1 and 50),
  status text not null default 'new'
    constraint leads_status_valid check (status in ('new', 'contacted', 'converted', 'lost')),
  -- Set by trigger when the status first becomes `contacted`.
  contacted_at timestamptz,
  notes text
    constraint leads_notes_length check (char_length(notes) <= 5000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.leads is 'Contact requests left on an agency''s public page.';
create index leads_reseller_id_created_at_idx on public.leads (reseller_id, created_at desc);
create trigger leads_set_updated_at
  before update on public.leads
  for each row execute function private.set_updated_at();
alter table public.leads enable row level security;


create table public.client_context (
  client_id uuid primary key references public.clients (id) on delete cascade,
  business_name text not null
    constraint client_context_business_name_length check (char_length(business_name) between 1 and 200),
  industry text not null
    constraint client_context_industry_length check (char_length(industry) between 1 and 100),
  business_description text
    constraint client_context_business_description_length check (char_length(business_description) <= 1000),
  target_audience text
    constraint client_context_target_audience_length check (char_length(target_audience) <= 500),
  communication_tone text not null default 'professional'
    constraint client_context_communication_tone_valid check (
      communication_tone in ('professional', 'casual', 'inspirational', 'educational', 'humorous', 'energetic')
    ),
  primary_goal text not null default 'awareness'
    constraint client_context_primary_goal_valid check (
      primary_goal in ('sales', 'awareness', 'community', 'leads', 'retention')
    ),
  -- BCP 47 tag such as `es`, `es-MX` or `en`; generated content uses it.
  language text not null default 'es'
    constraint client_context_language_bcp47 check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  keywords text[] not null default '{}'
    constraint client_context_keywords_size check (cardinality(keywords) <= 30),
  forbidden_words text[] not null default '{}'
    constraint client_context_forbidden_words_size check (cardinality(forbidden_words) <= 50),
  forbidden_topics text[] not null default '{}'
    constraint client_context_forbidden_topics_size check (cardinality(forbidden_topics) <= 30),
  brand_colors text[] not null default '{}'
    constraint client_context_brand_colors_size check (cardinality(brand_colors) <= 10),
  website_url text
    constraint client_context_website_url_format check (website_url ~ '^https?://' and char_length(website_url) <= 2048),
  custom_instructions text
    constraint client_context_custom_instructions_length check (char_length(custom_instructions) <= 2000),
  -- Bumped by trigger on every update, so generated content can record which context it used.
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.client_context is 'The business context injected into every generation, one current profile per client.';
alter table public.client_context enable row level security;


create table public.social_accounts (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  platform text not null
    constraint social_accounts_platform_valid check (
      platform in ('instagram', 'facebook', 'tiktok', 'linkedin', 'x', 'youtube', 'pinterest', 'threads')
    ),
  handle text not null
    constraint social_accounts_handle_format check (handle ~ '^@?[A-Za-z0-9._-]{1,100}$'),
  profile_url text
    constraint social_accounts_profile_url_format check (profile_url ~ '^https://' and char_length(profile_url) <= 2048),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.social_accounts is 'Social media accounts a client manages through OMEGA.';
-- Unique among active accounts only, so a removed account can be added again.
create unique index social_accounts_active_handle_key
  on public.social_accounts (client_id, platform, lower(handle)) where is_active;
create index social_accounts_client_id_idx on public.social_accounts (client_id);
create trigger social_accounts_set_updated_at
  before update on public.social_accounts
  for each row execute function private.set_updated_at();
alter table public.social_accounts enable row level security;


create table public.plans (
  id text primary key
    constraint plans_id_format check (id ~ '^[a-z][a-z0-9_]{1,30}$'),
  name text not null,
  monthly_price_cents integer not null
    constraint plans_monthly_price_cents_non_negative check (monthly_price_cents >= 0),
  -- Null means unlimited.
  max_social_accounts integer
    constraint plans_max_social_accounts_non_negative check (max_social_accounts >= 0),
  monthly_generations integer
    constraint plans_monthly_generations_non_negative check (monthly_generations >= 0),
  sort_order integer not null default 0
);
comment on table public.plans is 'Subscription plans and their limits; a migration may change these rows.';
alter table public.plans enable row level security;

insert into public.plans (id, name, monthly_price_cents, max_social_accounts, monthly_generations, sort_order) values
  ('basic', 'Basic', 2900, 2, 200, 1),
  ('pro', 'Pro', 7900, 5, 1000, 2),
  ('enterprise', 'Enterprise', 19900, null, null, 3);


create table public.subscriptions (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null unique references public.clients (id) on delete cascade,
  plan_id text not null references public.plans (id),
  status text not null
    constraint subscriptions_status_valid check (
      status in ('trialing', 'active', 'past_due', 'canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused')
    ),
  trial_ends_at timestamptz,
  current_period_end timestamptz,
  cancel_at_period_end boolean not null default false,
  stripe_customer_id text unique,
  stripe_subscription_id text unique,
  stripe_price_id text,
  -- `created` time of the newest Stripe event applied; older events never overwrite newer state.
  last_stripe_event_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.subscriptions is 'Each client''s plan and billing state, written only by the service.';
create trigger subscriptions_set_updated_at
  before update on public.subscriptions
  for each row execute function private.set_updated_at();
alter table public.subscriptions enable row level security;


create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  reseller_id uuid references public.resellers (id) on delete cascade,
  email text not null
    constraint invitations_email_format check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  role text not null
    constraint invitations_role_valid check (role in ('client', 'reseller')),
  -- SHA-256 of the token; the token itself is shown once, at creation.
  token_hash bytea not null unique,
  invited_by uuid references public.clients (id) on delete set null,
  expires_at timestamptz not null default now() + interval '7 days',
  accepted_at timestamptz,
  accepted_client_id uuid references public.clients (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint invitations_reseller_admin_has_agency check (role <> 'reseller' or reseller_id is not null)
);
comment on table public.invitations is 'Single-use invitations to join an agency as a client or as its admin.';
create index invitations_reseller_id_idx on public.invitations (reseller_id);
alter table public.invitations enable row level security;


-- Generations consumed per client and calendar month (UTC).
create table private.generation_usage (
  client_id uuid not null references public.clients (id) on delete cascade,
  period_start date not null,
  used integer not null default 0
    constraint generation_usage_used_non_negative check (used >= 0),
  primary key (client_id, period_start)
);


create or replace function private.bump_client_context_version()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.version := old.version + 1;
  new.updated_at := now();
  return new;
end;
$$;

create trigger client_context_bump_version
  before update on public.client_context
  for each row execute function private.bump_client_context_version();


create or replace function private.stamp_lead_contacted_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status = 'contacted' and old.status is distinct from 'contacted' and new.contacted_at is null then
    new.contacted_at := now();
  end if;
  return new;
end;
$$;

create trigger leads_stamp_contacted_at
  before update on public.leads
  for each row execute function private.stamp_lead_contacted_at();


-- What a client's subscription allows right now, with limits and this
-- month's usage. Null limits mean unlimited. Work is allowed while trialing
-- (before the trial ends), active or past_due (Stripe is still retrying the
-- payment); never when canceled, unpaid, incomplete, incomplete_expired or
-- paused, nor without a subscription.
create or replace function private.client_entitlement(p_client_id uuid)
returns table (
  client_id uuid,
  plan_id text,
  status text,
  allows_work boolean,
  trial_ends_at timestamptz,
  current_period_end timestamptz,
  cancel_at_period_end boolean,
  max_social_accounts integer,
  monthly_generations integer,
  social_accounts_used integer,
  generations_used integer,
  usage_resets_at timestamptz
)
language sql
stable
security definer
set search_path = ''
as $$
  select
    c.id,
    s.plan_id,
    s.status,
    coalesce(
      s.status in ('active', 'past_due')
        or (s.status = 'trialing' and (s.trial_ends_at is null or s.trial_ends_at > now())),
      false
    ),
    s.trial_ends_at,
    s.current_period_end,
    coalesce(s.cancel_at_period_end, false),
    p.max_social_accounts,
    p.monthly_generations,
    (select count(*)::integer from public.social_accounts a where a.client_id = c.id and a.is_active),
    coalesce(
      (select u.used from private.generation_usage u
       where u.client_id = c.id and u.period_start = date_trunc('month', now() at time zone 'utc')::date),
      0
    ),
    (date_trunc('month', now() at time zone 'utc') + interval '1 month') at time zone 'utc'
  from public.clients c
  left join public.subscriptions s on s.client_id = c.id
  left join public.plans p on p.id = s.plan_id
  where c.id = p_client_id
$$;
revoke all on function private.client_entitlement(uuid) from public;
grant execute on function private.client_entitlement(uuid) to omega_api;
