-- Functions the frontend calls through PostgREST (POST /rpc/<name>): an
-- agency's public page, lead submission and the agency dashboard.
--
-- Each public function is a thin security-invoker wrapper with
-- PostgREST-friendly parameter names. The work happens in a security-definer
-- function in `private` (never exposed), because anon has no table grants.

-- Submissions look up recent leads by agency and email for the hourly limit.
create index leads_reseller_id_email_created_at_idx on public.leads (reseller_id, email, created_at);


create or replace function private.reseller_page(p_slug text)
returns table (
  slug text,
  agency_name text,
  logo_url text,
  primary_color text,
  secondary_color text,
  hero_title text,
  hero_subtitle text,
  cta_text text,
  contact_email text,
  contact_phone text,
  social_links jsonb,
  footer_text text
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- Branding columns only: the agency's own contact and commission stay private.
  return query
  select r.slug, r.agency_name, b.logo_url,
         coalesce(b.primary_color, '#1F2937'), coalesce(b.secondary_color, '#F59E0B'),
         b.hero_title, b.hero_subtitle, b.cta_text, b.contact_email, b.contact_phone,
         coalesce(b.social_links, '{}'::jsonb), b.footer_text
  from public.resellers r
  left join public.reseller_branding b on b.reseller_id = r.id
  where r.slug = p_slug and r.status = 'active';

  -- Suspended, terminated and unknown slugs get the same answer.
  if not found then
    raise exception 'Agency page not found' using errcode = 'PT404';
  end if;
end;
$$;
revoke all on function private.reseller_page(text) from public;
grant execute on function private.reseller_page(text) to anon, authenticated;

-- One JSON object, because an output column may not share the name of the
-- `slug` parameter that PostgREST callers send.
create or replace function public.public_reseller_page(slug text)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select to_jsonb(page) from private.reseller_page(slug) as page
$$;
revoke all on function public.public_reseller_page(text) from public, anon, authenticated, service_role;
grant execute on function public.public_reseller_page(text) to anon, authenticated, service_role;


-- Validates and stores a lead from an agency's public page. At most 5 leads
-- per email and agency per hour; an advisory lock on (agency, email) makes
-- that count exact under concurrent submissions.
create or replace function private.submit_lead(
  p_slug text, p_name text, p_email text, p_phone text, p_message text
)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reseller_id uuid;
  v_name text := btrim(coalesce(p_name, ''));
  v_email text := lower(btrim(coalesce(p_email, '')));
  v_phone text := nullif(btrim(coalesce(p_phone, '')), '');
  v_message text := nullif(btrim(coalesce(p_message, '')), '');
  v_recent integer;
  v_lead_id uuid;
begin
  select r.id into v_reseller_id from public.resellers r where r.slug = p_slug and r.status = 'active';
  if v_reseller_id is null then
    raise exception 'Agency page not found' using errcode = 'PT404';
  end if;

  if char_length(v_name) not between 1 and 200 then
    raise exception 'name must be 1 to 200 characters' using errcode = 'PT400';
  end if;
  if char_length(v_email) > 254 or v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    raise exception 'email is not a valid email address' using errcode = 'PT400';
  end if;
  if v_phone is not null and v_phone !~ '^\+?[0-9 ()-]{6,30}$' then
    raise exception 'phone must be 6 to 30 digits, spaces, brackets or dashes, optionally after +'
      using errcode = 'PT400';
  end if;
  if char_length(v_message) > 2000 then
    raise exception 'message must be at most 2000 characters' using errcode = 'PT400';
  end if;

  perform pg_advisory_xact_lock(hashtextextended(v_reseller_id::text || '/' || v_email, 0));
  select count(*) into v_recent
  from public.leads l
  where l.reseller_id = v_reseller_id and l.email = v_email and l.created_at > now() - interval '1 hour';
  if v_recent >= 5 then
    raise exception 'Too many requests from this email for this agency; try again in an hour'
      using errcode = 'PT429';
  end if;

  insert into public.leads (reseller_id, name, email, phone, message, source)
  values (v_reseller_id, v_name, v_email, v_phone, v_message, 'public_page')
  returning id into v_lead_id;
  return v_lead_id;
end;
$$;
revoke all on function private.submit_lead(text, text, text, text, text) from public;
grant execute on function private.submit_lead(text, text, text, text, text) to anon, authenticated;

create or replace function public.submit_lead(
  slug text, name text, email text, phone text default null, message text default null
)
returns uuid
language sql
volatile
set search_path = ''
as $$
  select private.submit_lead(slug, name, email, phone, message)
$$;
revoke all on function public.submit_lead(text, text, text, text, text) from public, anon, authenticated, service_role;
grant execute on function public.submit_lead(text, text, text, text, text) to anon, authenticated, service_role;


-- Counts of one agency: clients and subscriptions by status, monthly
-- recurring revenue and OMEGA's commission in cents, leads by status. MRR
-- counts the plan price of `active` and `past_due` subscriptions (trials
-- pay nothing yet). Admins see their own agency; the owner names one.
create or replace function private.reseller_dashboard(p_reseller_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_admin_of uuid := private.admin_reseller_id();
  v_reseller public.resellers;
  v_mrr bigint;
begin
  if private.is_owner() then
    if p_reseller_id is null then
      raise exception 'reseller_id is required when the owner reads a dashboard' using errcode = 'PT400';
    end if;
  elsif v_admin_of is null then
    raise exception 'Only reseller admins and the owner can read an agency dashboard' using errcode = 'PT403';
  elsif p_reseller_id is not null and p_reseller_id <> v_admin_of then
    raise exception 'Reseller admins can only read their own agency''s dashboard' using errcode = 'PT403';
  end if;

  select * into v_reseller from public.resellers r where r.id = coalesce(p_reseller_id, v_admin_of);
  if v_reseller.id is null then
    raise exception 'Agency not found' using errcode = 'PT404';
  end if;

  select coalesce(sum(p.monthly_price_cents), 0) into v_mrr
  from public.subscriptions s
  join public.clients c on c.id = s.client_id
  join public.plans p on p.id = s.plan_id
  where c.reseller_id = v_reseller.id and s.status in ('active', 'past_due');

  return jsonb_build_object(
    'reseller_id', v_reseller.id,
    'agency_name', v_reseller.agency_name,
    'status', v_reseller.status,
    'clients_by_status', (
      select jsonb_object_agg(k.status, (
        select count(*) from public.clients c
        where c.reseller_id = v_reseller.id and c.role = 'client' and c.status = k.status))
      from unnest(array['active', 'suspended']) as k(status)),
    'subscriptions_by_status', (
      select jsonb_object_agg(k.status, (
        select count(*) from public.subscriptions s join public.clients c on c.id = s.client_id
        where c.reseller_id = v_reseller.id and s.status = k.status))
      from unnest(array['trialing', 'active', 'past_due', 'canceled', 'unpaid', 'incomplete',
                        'incomplete_expired', 'paused']) as k(status)),
    'mrr_cents', v_mrr,
    'commission_rate', v_reseller.commission_rate,
    'commission_cents', round(v_mrr * v_reseller.commission_rate)::bigint,
    'leads_by_status', (
      select jsonb_object_agg(k.status, (
        select count(*) from public.leads l where l.reseller_id = v_reseller.id and l.status = k.status))
      from unnest(array['new', 'contacted', 'converted', 'lost']) as k(status))
  );
end;
$$;
revoke all on function private.reseller_dashboard(uuid) from public;
grant execute on function private.reseller_dashboard(uuid) to authenticated;

create or replace function public.reseller_dashboard(reseller_id uuid default null)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select private.reseller_dashboard(reseller_id)
$$;
revoke all on function public.reseller_dashboard(uuid) from public, anon, authenticated, service_role;
grant execute on function public.reseller_dashboard(uuid) to authenticated, service_role;
