-- Registration starts a trial, and the social-account limit of the plan is
-- enforced inside the database.

-- Gives a new client a 7-day trial of the basic plan. Does nothing when the
-- client already has a subscription.
create or replace function private.start_trial(p_client_id uuid)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.subscriptions (client_id, plan_id, status, trial_ends_at, current_period_end)
  values (p_client_id, 'basic', 'trialing', now() + interval '7 days', now() + interval '7 days')
  on conflict (client_id) do nothing
$$;
revoke all on function private.start_trial(uuid) from public;


-- Same contract as the identity migration's version, plus the trial.
create or replace function private.register_client(
  p_email text,
  p_full_name text,
  p_password_hash text,
  p_reseller_slug text default null
)
returns public.clients
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_reseller_id uuid;
  v_client public.clients;
begin
  if p_reseller_slug is not null then
    select id into v_reseller_id
    from public.resellers
    where slug = p_reseller_slug and status = 'active';

    if v_reseller_id is null then
      raise exception 'Agency "%" was not found or is not accepting clients', p_reseller_slug
        using errcode = 'PT404';
    end if;
  end if;

  begin
    insert into public.clients (email, full_name, reseller_id)
    values (lower(p_email), p_full_name, v_reseller_id)
    returning * into v_client;
  exception when unique_violation then
    raise exception 'An account with this email already exists' using errcode = 'PT409';
  end;

  insert into private.credentials (client_id, password_hash)
  values (v_client.id, p_password_hash);

  perform private.start_trial(v_client.id);

  return v_client;
end;
$$;
revoke all on function private.register_client(text, text, text, text) from public;
grant execute on function private.register_client(text, text, text, text) to omega_api;


-- Runs before a social account becomes active (insert, or is_active turning
-- true). It locks the client's subscription row first, so two concurrent
-- requests for the last free slot queue here and the second one counts the
-- first one's row. Security definer because the caller has no UPDATE
-- privilege on subscriptions, which FOR UPDATE needs.
create or replace function private.enforce_social_account_limit()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_entitlement record;
begin
  if not new.is_active or (tg_op = 'UPDATE' and old.is_active) then
    return new;
  end if;

  perform 1 from public.subscriptions s where s.client_id = new.client_id for update;

  select * into v_entitlement from private.client_entitlement(new.client_id);

  if v_entitlement.plan_id is null or not v_entitlement.allows_work then
    raise exception 'The subscription does not allow adding social accounts (status: %)',
      coalesce(v_entitlement.status, 'none')
      using errcode = 'PT402', hint = 'Start or renew a subscription';
  end if;

  if v_entitlement.max_social_accounts is not null
     and v_entitlement.social_accounts_used >= v_entitlement.max_social_accounts then
    raise exception 'The % plan allows at most % active social accounts', v_entitlement.plan_id,
      v_entitlement.max_social_accounts
      using errcode = 'PT402', hint = 'Deactivate an account or upgrade the plan';
  end if;

  return new;
end;
$$;
revoke all on function private.enforce_social_account_limit() from public;

create trigger social_accounts_enforce_plan_limit
  before insert or update of is_active on public.social_accounts
  for each row execute function private.enforce_social_account_limit();
