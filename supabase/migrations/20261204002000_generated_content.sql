-- Generated content: every piece of text the service wrote for a client, and
-- the service-only functions that meter the monthly quota and store results.
-- Clients and their agency read it through PostgREST; a client may mark its
-- own rows as saved or delete them; only the service inserts.

create table public.generated_content (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  -- The account whose platform set the rules; kept when the account is removed, as null.
  social_account_id uuid references public.social_accounts (id) on delete set null,
  kind text not null
    constraint generated_content_kind_valid check (
      kind in ('caption', 'post', 'hashtags', 'ideas', 'video_script', 'bio', 'ad', 'email')
    ),
  -- Null when the request named no platform.
  platform text
    constraint generated_content_platform_valid check (
      platform in ('instagram', 'facebook', 'tiktok', 'linkedin', 'x', 'youtube', 'pinterest', 'threads')
    ),
  language text not null
    constraint generated_content_language_bcp47 check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  brief text not null
    constraint generated_content_brief_length check (char_length(brief) between 1 and 2000),
  -- Which of the request's variants (1 to 3) this row is.
  variant smallint not null default 1
    constraint generated_content_variant_range check (variant between 1 and 3),
  -- The text as returned; hashtags space-separated, ideas one `title | angle` per line.
  output text not null
    constraint generated_content_output_length check (char_length(output) between 1 and 70000),
  -- Typed form for hashtags (array of strings) and ideas (array of {title, angle}); null for text kinds.
  output_items jsonb
    constraint generated_content_output_items_array check (output_items is null or jsonb_typeof(output_items) = 'array'),
  provider text not null
    constraint generated_content_provider_valid check (provider in ('openai', 'anthropic', 'offline')),
  model text not null
    constraint generated_content_model_length check (char_length(model) between 1 and 200),
  -- Summed over every attempt of this variant; null when the provider did not report them.
  prompt_tokens integer
    constraint generated_content_prompt_tokens_non_negative check (prompt_tokens >= 0),
  completion_tokens integer
    constraint generated_content_completion_tokens_non_negative check (completion_tokens >= 0),
  -- client_context.version at generation time.
  context_version integer not null,
  -- Problems the service could not fix by regenerating, such as a forbidden word.
  warnings text[] not null default '{}',
  is_saved boolean not null default false,
  created_at timestamptz not null default now()
);
comment on table public.generated_content is 'Text generated for a client, one row per variant, written only by the service.';
create index generated_content_client_id_created_at_idx on public.generated_content (client_id, created_at desc);
create index generated_content_social_account_id_idx on public.generated_content (social_account_id)
  where social_account_id is not null;

revoke all on table public.generated_content from anon, authenticated, service_role;
grant select, delete on table public.generated_content to authenticated;
grant update (is_saved) on table public.generated_content to authenticated;
grant all on table public.generated_content to service_role;

alter table public.generated_content enable row level security;

create policy "Clients can view their own generated content"
  on public.generated_content for select to authenticated
  using (client_id = (select private.active_caller_id()));

create policy "Clients can mark their own content as saved"
  on public.generated_content for update to authenticated
  using (client_id = (select private.active_caller_id()))
  with check (client_id = (select private.active_caller_id()));

create policy "Clients can delete their own generated content"
  on public.generated_content for delete to authenticated
  using (client_id = (select private.active_caller_id()));

create policy "Reseller admins can view their clients' content"
  on public.generated_content for select to authenticated
  using (client_id in (select private.managed_client_ids()));

create policy "The owner can view all generated content"
  on public.generated_content for select to authenticated
  using ((select private.is_owner()));


-- Whether a client id exists at all, so the service can answer 403 for a
-- client outside the caller's reach and 404 for one that does not exist.
create or replace function private.client_exists(p_client_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.clients c where c.id = p_client_id)
$$;
revoke all on function private.client_exists(uuid) from public;
grant execute on function private.client_exists(uuid) to omega_api;


-- Take `p_count` generations from this month's (UTC) quota in one statement,
-- so two concurrent requests cannot both pass the last free slot. Returns the
-- period and the new count, or no row when the plan's limit would be passed.
-- A null plan limit (or no plan) is unlimited here: whether the subscription
-- allows work at all is private.client_entitlement's question, asked first.
create or replace function private.consume_generations(p_client_id uuid, p_count integer)
returns table (usage_period date, usage_count integer)
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_period date := date_trunc('month', now() at time zone 'utc')::date;
  v_limit integer;
begin
  if p_count is null or p_count < 1 or p_count > 3 then
    raise exception 'A request consumes between 1 and 3 generations, not %', p_count using errcode = 'PT400';
  end if;

  select p.monthly_generations into v_limit
  from public.subscriptions s
  join public.plans p on p.id = s.plan_id
  where s.client_id = p_client_id;

  if v_limit is not null and p_count > v_limit then
    return;
  end if;

  return query
    insert into private.generation_usage as u (client_id, period_start, used)
    values (p_client_id, v_period, p_count)
    on conflict (client_id, period_start) do update
      set used = u.used + excluded.used
      where v_limit is null or u.used + excluded.used <= v_limit
    returning u.period_start, u.used;
end;
$$;
revoke all on function private.consume_generations(uuid, integer) from public;
grant execute on function private.consume_generations(uuid, integer) to omega_api;


-- Give back generations taken by consume_generations when the provider call
-- failed, in the period they were taken from.
create or replace function private.release_generations(p_client_id uuid, p_period date, p_count integer)
returns integer
language sql
security definer
set search_path = ''
as $$
  update private.generation_usage
  set used = greatest(used - p_count, 0)
  where client_id = p_client_id and period_start = p_period
  returning used
$$;
revoke all on function private.release_generations(uuid, date, integer) from public;
grant execute on function private.release_generations(uuid, date, integer) to omega_api;


-- Store every variant of one request in one statement. `p_items` is an array
-- of objects with variant, output, output_items, provider, model,
-- prompt_tokens, completion_tokens and warnings.
create or replace function private.store_generated_content(
  p_client_id uuid,
  p_social_account_id uuid,
  p_kind text,
  p_platform text,
  p_language text,
  p_brief text,
  p_context_version integer,
  p_items jsonb
)
returns setof public.generated_content
language plpgsql
security definer
set search_path = ''
as $$
begin
  if p_social_account_id is not null and not exists (
    select 1 from public.social_accounts a where a.id = p_social_account_id and a.client_id = p_client_id
  ) then
    raise exception 'Social account not found' using errcode = 'PT404';
  end if;

  return query
    insert into public.generated_content (
      client_id, social_account_id, kind, platform, language, brief, variant, output, output_items,
      provider, model, prompt_tokens, completion_tokens, context_version, warnings
    )
    select
      p_client_id, p_social_account_id, p_kind, p_platform, p_language, p_brief, item.variant, item.output,
      item.output_items, item.provider, item.model, item.prompt_tokens, item.completion_tokens,
      p_context_version, coalesce(item.warnings, '{}')
    from jsonb_to_recordset(p_items) as item (
      variant smallint, output text, output_items jsonb, provider text, model text,
      prompt_tokens integer, completion_tokens integer, warnings text[]
    )
    order by item.variant
    returning *;
end;
$$;
revoke all on function private.store_generated_content(uuid, uuid, text, text, text, text, integer, jsonb) from public;
grant execute on function private.store_generated_content(uuid, uuid, text, text, text, text, integer, jsonb)
  to omega_api;
