-- Grants and row-level security policies of the tenancy tables. policies/
-- holds the same rules as an access matrix, and the test suite fails when
-- the two disagree.
--
-- Column grants keep users away from the columns only the service writes
-- (ids, owners, role, status, plan, counters, version). `with check` on
-- every insert and update policy keeps a row from being handed to another
-- client or agency. Suspended accounts and every user of a suspended agency
-- get nothing beyond reading their own profile, because the helpers return
-- null for them.


-- clients: the identity policies let a suspended user update its profile;
-- replace that one and add the admin and owner views.
drop policy "Clients can update their own profile" on public.clients;

create policy "Active users can update their own profile"
  on public.clients for update to authenticated
  using (id = (select private.active_caller_id()))
  with check (id = (select private.active_caller_id()));

create policy "Reseller admins can view their agency's users"
  on public.clients for select to authenticated
  using (reseller_id = (select private.admin_reseller_id()));

create policy "The owner can view every user"
  on public.clients for select to authenticated
  using ((select private.is_owner()));

create policy "The owner can update every user's profile"
  on public.clients for update to authenticated
  using ((select private.is_owner()))
  with check ((select private.is_owner()));


-- resellers
revoke all on table public.resellers from anon, authenticated, service_role;
grant select on table public.resellers to authenticated;
grant insert (slug, agency_name, contact_email, contact_name, status, commission_rate)
  on table public.resellers to authenticated;
grant update (slug, agency_name, contact_email, contact_name, status, commission_rate)
  on table public.resellers to authenticated;
grant all on table public.resellers to service_role;

-- Column grants cannot tell an admin from the owner (both are
-- `authenticated`), so this trigger keeps slug, status and commission rate
-- for the owner. It checks only API roles: the service's security-definer
-- functions and migrations run as the table owner.
create or replace function private.guard_reseller_owner_columns()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user in ('anon', 'authenticated')
     and (new.slug, new.status, new.commission_rate) is distinct from (old.slug, old.status, old.commission_rate)
     and not (select private.is_owner()) then
    raise exception 'Only the OMEGA owner can change an agency''s slug, status or commission_rate'
      using errcode = 'PT403';
  end if;
  return new;
end;
$$;

create trigger resellers_guard_owner_columns
  before update on public.resellers
  for each row execute function private.guard_reseller_owner_columns();

create policy "Reseller admins can view their own agency"
  on public.resellers for select to authenticated
  using (id = (select private.admin_reseller_id()));

create policy "The owner can view every agency"
  on public.resellers for select to authenticated
  using ((select private.is_owner()));

create policy "The owner can create agencies"
  on public.resellers for insert to authenticated
  with check ((select private.is_owner()));

create policy "Reseller admins can update their own agency"
  on public.resellers for update to authenticated
  using (id = (select private.admin_reseller_id()))
  with check (id = (select private.admin_reseller_id()));

create policy "The owner can update every agency"
  on public.resellers for update to authenticated
  using ((select private.is_owner()))
  with check ((select private.is_owner()));


-- reseller_branding: anon reads it through public_reseller_page() only.
revoke all on table public.reseller_branding from anon, authenticated, service_role;
grant select, delete on table public.reseller_branding to authenticated;
grant insert (reseller_id, logo_url, primary_color, secondary_color, hero_title, hero_subtitle, cta_text,
              contact_email, contact_phone, social_links, footer_text)
  on table public.reseller_branding to authenticated;
grant update (logo_url, primary_color, secondary_color, hero_title, hero_subtitle, cta_text,
              contact_email, contact_phone, social_links, footer_text)
  on table public.reseller_branding to authenticated;
grant all on table public.reseller_branding to service_role;

create policy "Reseller admins can view their branding"
  on public.reseller_branding for select to authenticated
  using (reseller_id = (select private.admin_reseller_id()));

create policy "Reseller admins can create their branding"
  on public.reseller_branding for insert to authenticated
  with check (reseller_id = (select private.admin_reseller_id()));

create policy "Reseller admins can update their branding"
  on public.reseller_branding for update to authenticated
  using (reseller_id = (select private.admin_reseller_id()))
  with check (reseller_id = (select private.admin_reseller_id()));

create policy "The owner can view every branding"
  on public.reseller_branding for select to authenticated
  using ((select private.is_owner()));

create policy "The owner can create any branding"
  on public.reseller_branding for insert to authenticated
  with check ((select private.is_owner()));

create policy "The owner can update every branding"
  on public.reseller_branding for update to authenticated
  using ((select private.is_owner()))
  with check ((select private.is_owner()));

create policy "The owner can delete any branding"
  on public.reseller_branding for delete to authenticated
  using ((select private.is_owner()));


-- leads: anon submits them through submit_lead() only.
revoke all on table public.leads from anon, authenticated, service_role;
grant select, delete on table public.leads to authenticated;
grant insert (reseller_id, name, email, phone, message, source, status, notes)
  on table public.leads to authenticated;
grant update (name, email, phone, message, status, notes) on table public.leads to authenticated;
grant all on table public.leads to service_role;

create policy "Reseller admins can view their leads"
  on public.leads for select to authenticated
  using (reseller_id = (select private.admin_reseller_id()));

create policy "Reseller admins can add leads to their agency"
  on public.leads for insert to authenticated
  with check (reseller_id = (select private.admin_reseller_id()));

create policy "Reseller admins can update their leads"
  on public.leads for update to authenticated
  using (reseller_id = (select private.admin_reseller_id()))
  with check (reseller_id = (select private.admin_reseller_id()));

create policy "Reseller admins can delete their leads"
  on public.leads for delete to authenticated
  using (reseller_id = (select private.admin_reseller_id()));

create policy "The owner can view every lead"
  on public.leads for select to authenticated
  using ((select private.is_owner()));

create policy "The owner can add leads to any agency"
  on public.leads for insert to authenticated
  with check ((select private.is_owner()));

create policy "The owner can update every lead"
  on public.leads for update to authenticated
  using ((select private.is_owner()))
  with check ((select private.is_owner()));

create policy "The owner can delete any lead"
  on public.leads for delete to authenticated
  using ((select private.is_owner()));
