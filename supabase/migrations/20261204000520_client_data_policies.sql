-- Grants and policies of each client's own data (context, social accounts,
-- subscription), of the plans and of invitations. Every table follows one
-- pattern: the active client on its own rows, the active admin on its
-- agency's clients, and the owner on everything.


-- client_context: version, created_at and updated_at belong to the trigger.
revoke all on table public.client_context from anon, authenticated, service_role;
grant select, delete on table public.client_context to authenticated;
grant insert (client_id, business_name, industry, business_description, target_audience, communication_tone,
              primary_goal, language, keywords, forbidden_words, forbidden_topics, brand_colors, website_url,
              custom_instructions)
  on table public.client_context to authenticated;
grant update (business_name, industry, business_description, target_audience, communication_tone,
              primary_goal, language, keywords, forbidden_words, forbidden_topics, brand_colors, website_url,
              custom_instructions)
  on table public.client_context to authenticated;
grant all on table public.client_context to service_role;

create policy "Clients can view their own context"
  on public.client_context for select to authenticated
  using (client_id = (select private.active_caller_id()));

create policy "Clients can create their own context"
  on public.client_context for insert to authenticated
  with check (client_id = (select private.active_caller_id()));

create policy "Clients can update their own context"
  on public.client_context for update to authenticated
  using (client_id = (select private.active_caller_id()))
  with check (client_id = (select private.active_caller_id()));

create policy "Clients can delete their own context"
  on public.client_context for delete to authenticated
  using (client_id = (select private.active_caller_id()));

create policy "Reseller admins can view their clients' context"
  on public.client_context for select to authenticated
  using (client_id in (select private.managed_client_ids()));

create policy "Reseller admins can create their clients' context"
  on public.client_context for insert to authenticated
  with check (client_id in (select private.managed_client_ids()));

create policy "Reseller admins can update their clients' context"
  on public.client_context for update to authenticated
  using (client_id in (select private.managed_client_ids()))
  with check (client_id in (select private.managed_client_ids()));

create policy "Reseller admins can delete their clients' context"
  on public.client_context for delete to authenticated
  using (client_id in (select private.managed_client_ids()));

create policy "The owner can view every context"
  on public.client_context for select to authenticated
  using ((select private.is_owner()));

create policy "The owner can create any context"
  on public.client_context for insert to authenticated
  with check ((select private.is_owner()));

create policy "The owner can update every context"
  on public.client_context for update to authenticated
  using ((select private.is_owner()))
  with check ((select private.is_owner()));

create policy "The owner can delete any context"
  on public.client_context for delete to authenticated
  using ((select private.is_owner()));


-- social_accounts: client_id is set once; the plan limit is a trigger (see
-- the plan-limit migration).
revoke all on table public.social_accounts from anon, authenticated, service_role;
grant select, delete on table public.social_accounts to authenticated;
grant insert (client_id, platform, handle, profile_url, is_active) on table public.social_accounts to authenticated;
grant update (handle, profile_url, is_active) on table public.social_accounts to authenticated;
grant all on table public.social_accounts to service_role;

create policy "Clients can view their own social accounts"
  on public.social_accounts for select to authenticated
  using (client_id = (select private.active_caller_id()));

create policy "Clients can add their own social accounts"
  on public.social_accounts for insert to authenticated
  with check (client_id = (select private.active_caller_id()));

create policy "Clients can update their own social accounts"
  on public.social_accounts for update to authenticated
  using (client_id = (select private.active_caller_id()))
  with check (client_id = (select private.active_caller_id()));

create policy "Clients can delete their own social accounts"
  on public.social_accounts for delete to authenticated
  using (client_id = (select private.active_caller_id()));

create policy "Reseller admins can view their clients' accounts"
  on public.social_accounts for select to authenticated
  using (client_id in (select private.managed_client_ids()));

create policy "Reseller admins can add their clients' accounts"
  on public.social_accounts for insert to authenticated
  with check (client_id in (select private.managed_client_ids()));

create policy "Reseller admins can update their clients' accounts"
  on public.social_accounts for update to authenticated
  using (client_id in (select private.managed_client_ids()))
  with check (client_id in (select private.managed_client_ids()));

create policy "Reseller admins can delete their clients' accounts"
  on public.social_accounts for delete to authenticated
  using (client_id in (select private.managed_client_ids()));

create policy "The owner can view every social account"
  on public.social_accounts for select to authenticated
  using ((select private.is_owner()));

create policy "The owner can add any social account"
  on public.social_accounts for insert to authenticated
  with check ((select private.is_owner()));

create policy "The owner can update every social account"
  on public.social_accounts for update to authenticated
  using ((select private.is_owner()))
  with check ((select private.is_owner()));

create policy "The owner can delete any social account"
  on public.social_accounts for delete to authenticated
  using ((select private.is_owner()));


-- plans: public price list; rows change only through migrations.
revoke all on table public.plans from anon, authenticated, service_role;
grant select on table public.plans to anon, authenticated;
grant all on table public.plans to service_role;

create policy "Anyone can view the plans"
  on public.plans for select to anon, authenticated
  using (true);


-- subscriptions: read-only for users; the billing service writes them
-- through security-definer functions.
revoke all on table public.subscriptions from anon, authenticated, service_role;
grant select on table public.subscriptions to authenticated;
grant all on table public.subscriptions to service_role;

create policy "Clients can view their own subscription"
  on public.subscriptions for select to authenticated
  using (client_id = (select private.active_caller_id()));

create policy "Reseller admins can view their clients' plans"
  on public.subscriptions for select to authenticated
  using (client_id in (select private.managed_client_ids()));

create policy "The owner can view every subscription"
  on public.subscriptions for select to authenticated
  using ((select private.is_owner()));


-- invitations: created by create_invitation(), which returns the token once;
-- token_hash is never readable. Admins and the owner may withdraw one.
revoke all on table public.invitations from anon, authenticated, service_role;
grant select (id, reseller_id, email, role, invited_by, expires_at, accepted_at, accepted_client_id, created_at)
  on table public.invitations to authenticated;
grant delete on table public.invitations to authenticated;
grant all on table public.invitations to service_role;

create policy "Reseller admins can view their invitations"
  on public.invitations for select to authenticated
  using (reseller_id = (select private.admin_reseller_id()));

create policy "Reseller admins can withdraw their invitations"
  on public.invitations for delete to authenticated
  using (reseller_id = (select private.admin_reseller_id()));

create policy "The owner can view every invitation"
  on public.invitations for select to authenticated
  using ((select private.is_owner()));

create policy "The owner can withdraw any invitation"
  on public.invitations for delete to authenticated
  using ((select private.is_owner()));
