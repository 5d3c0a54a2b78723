import type { HelpdeskFingerprint } from './signatures.js';

const AUTO_GENERATED = /^auto-generated\b/i;
const BULK = /^bulk\b/i;
const XARS_ALL = /^all\b/i;

/**
 * How helpdesk products mark the mail they send, from their documentation and from mail they visibly send.
 * `stamps` lists what a product puts on every message (agent replies included), so that those headers alone do not
 * make a human reply "automated"; `automaticMarkers` and `acknowledgementSubjects` are what only its automatic
 * mail carries.
 */
export const HELPDESK_FINGERPRINTS: readonly HelpdeskFingerprint[] = Object.freeze([
  {
    product: 'zendesk',
    name: 'Zendesk',
    markers: [
      { header: 'x-zendesk-from-account-id' },
      { header: 'x-zendesk-email-id' },
      { header: 'x-mailer', pattern: /^zendesk mailer\b/i },
      { header: 'message-id', pattern: /_sprut@zendesk\.com>?$/i },
      { header: 'dkim-signature', pattern: /\bs=zendesk\d{0,3};/i },
    ],
    accountId: { header: 'x-zendesk-from-account-id', pattern: /^([0-9a-f]{1,32})$/i },
    stamps: [
      { header: 'auto-submitted', pattern: AUTO_GENERATED },
      { header: 'x-auto-response-suppress', pattern: XARS_ALL },
    ],
    acknowledgementSubjects: ['request received:', '[request received]', 'your request has been received'],
    source:
      'Zendesk Authenticated SMTP Connector article 8043218178842 (Auto-Submitted, XARS, X-Mailer, X-Zendesk-From-Account-Id, X-Zendesk-Email-Id); Message-ID `<ID_hex_hex_sprut@zendesk.com>` and `s=zendesk1/2` in public agent replies',
  },
  {
    product: 'freshdesk',
    name: 'Freshdesk',
    markers: [
      { header: 'message-id', pattern: /[.@]freshdesk\.com>?$/i },
      { header: 'message-id', pattern: /\.fd-pod-/i },
      { header: 'return-path', pattern: /[.@]freshdesk\.com>?$/i },
      { header: 'dkim-signature', pattern: /\bd=freshdesk\.com;/i },
    ],
    acknowledgementSubjects: ['ticket received -', 'ticket received:', 'we have received your request'],
    source:
      'Message-IDs with `sidekiq...fd-pod` hosts and freshdesk.com envelope domain (freescout#2445); default "Ticket Received - {{ticket.subject}}" acknowledgement',
  },
  {
    product: 'zammad',
    name: 'Zammad',
    markers: [
      { header: 'x-mailer', pattern: /^zammad\b/i },
      { header: 'x-powered-by', pattern: /^zammad\b/i },
      { header: 'x-zammad-*' },
    ],
    acknowledgementSubjects: ['thanks for your inquiry', 'danke für ihre anfrage'],
    source:
      'zammad/zammad app/models/channel/email_build.rb: `X-Mailer: Zammad Mail Service`, `X-Powered-By: Zammad - Helpdesk/Support`; notifications add X-Loop, Precedence bulk, Auto-Submitted (agent replies do not)',
  },
  {
    product: 'znuny',
    name: 'Znuny / OTRS',
    markers: [
      { header: 'x-mailer', pattern: /^(?:znuny|otrs)\b/i },
      { header: 'x-powered-by', pattern: /^(?:znuny|otrs)\b/i },
      { header: 'x-otrs-*' },
    ],
    automaticMarkers: [{ header: 'x-loop', pattern: /^(?:yes|true|1)\b/i }],
    source:
      'znuny/Znuny Kernel/System/Email.pm: `X-Mailer: Znuny Mail Service`/`OTRS Mail Service`, `X-Powered-By`; auto-responses add X-Loop: yes, Precedence: bulk, Auto-Submitted: auto-generated',
  },
  {
    product: 'request-tracker',
    name: 'Request Tracker',
    markers: [
      { header: 'x-rt-loop-prevention' },
      { header: 'x-rt-ticket' },
      { header: 'rt-ticket' },
      { header: 'x-managed-by', pattern: /^(?:rt|request tracker)\b/i },
    ],
    accountId: { header: 'x-rt-loop-prevention', pattern: /^([^\s]{1,200})$/ },
    stamps: [{ header: 'precedence', pattern: BULK }],
    acknowledgementSubjects: ['autoreply:'],
    source:
      'bestpractical/rt lib/RT/Interface/Email.pm and share/etc templates: X-RT-Loop-Prevention (rtname), X-RT-Ticket, X-Managed-by, `$DefaultMailPrecedence` bulk on all mail; Autoreply adds Auto-Submitted: auto-replied',
  },
  {
    product: 'jira-service-management',
    name: 'Jira Service Management',
    markers: [
      { header: 'x-jira-fingerprint' },
      { header: 'message-id', pattern: /@atlassian\.jira>?$/i },
      { header: 'x-atlassian-*' },
    ],
    accountId: { header: 'x-jira-fingerprint', pattern: /^([0-9a-f]{8,64})$/i },
    stamps: [
      { header: 'auto-submitted', pattern: AUTO_GENERATED },
      { header: 'precedence', pattern: BULK },
    ],
    source:
      'Atlassian docs (own mail by X-JIRA-FingerPrint); Message-ID `JIRA.<id>.<ms>@Atlassian.JIRA` (freescout#2927); Zammad jira_check.rb',
  },
  {
    product: 'servicenow',
    name: 'ServiceNow',
    markers: [
      { header: 'x-servicenow-generated' },
      { header: 'x-servicenow-source' },
      { header: 'x-servicenow-sysemail-version' },
      { header: 'message-id', pattern: /\.service-now\.com>?$/i },
    ],
    stamps: [
      { header: 'auto-submitted', pattern: AUTO_GENERATED },
      { header: 'precedence', pattern: BULK },
    ],
    source:
      'Public ServiceNow mail (e.g. Red Hat secalert replies on lore.kernel.org): X-ServiceNow-Source, X-ServiceNow-SysEmail-Version: 2, X-ServiceNow-Generated: true with Precedence: bulk and Auto-Submitted: auto-generated on every message, human-written ones included',
  },
  {
    product: 'freescout',
    name: 'FreeScout',
    markers: [
      { header: 'x-freescout-mail-type' },
      { header: 'message-id', pattern: /^<?(?:reply|autoreply|notify|conversation)-\d{1,12}-[0-9a-f]{16}@/i },
    ],
    automaticMarkers: [
      { header: 'message-id', pattern: /^<?autoreply-/i },
      { header: 'x-freescout-mail-type', pattern: /^(?:user\.notification|auto\.?reply)\b/i },
    ],
    stamps: [{ header: 'x-auto-response-suppress', pattern: XARS_ALL }],
    source:
      'freescout-help-desk/freescout app/Misc/Mail.php and app/Mail/*: X-FreeScout-Mail-Type, Message-ID prefixes reply-/autoreply-/notify-<thread>-<16 hex>',
  },
  {
    product: 'osticket',
    name: 'osTicket',
    markers: [{ header: 'x-mailer', pattern: /^osticket\b/i }, { header: 'x-osticket-*' }],
    source:
      'osTicket/osTicket include/class.mailer.php (`X-Mailer: osTicket Mailer`); auto-replies add Precedence: auto_reply, X-Autoreply: yes, Auto-Submitted: auto-replied',
  },
  {
    product: 'help-scout',
    name: 'Help Scout',
    markers: [
      { header: 'message-id', pattern: /@helpscout\.net>?$/i },
      { header: 'x-helpscout-*' },
      { header: 'dkim-signature', pattern: /\bd=helpscout\.net;/i },
    ],
    accountId: { header: 'message-id', pattern: /^<?reply-(\d{1,12})-/i },
    source: 'Public Help Scout mail: Message-ID `<reply-<conversation>-<nonces>@helpscout.net>`',
  },
  {
    product: 'front',
    name: 'Front',
    markers: [{ header: 'message-id', pattern: /@frontapp\.com>?$/i }, { header: 'x-front-*' }],
    source: 'Public Front mail: Message-ID `<32 hex@frontapp.com>`',
  },
  {
    product: 'hubspot',
    name: 'HubSpot',
    markers: [
      { header: 'dkim-signature', pattern: /\bs=hs[12]-\d{1,12};/i },
      { header: 'x-hubspot-*' },
      { header: 'return-path', pattern: /[.@]hubspotemail\.net>?$/i },
    ],
    accountId: { header: 'dkim-signature', pattern: /\bs=hs[12]-(\d{1,12});/i },
    source:
      'HubSpot sending-domain setup: DKIM selectors `hs1-<portal id>` / `hs2-<portal id>` (CNAME to hubspotemail.net), envelope domain hubspotemail.net',
  },
  {
    product: 'intercom',
    name: 'Intercom',
    markers: [
      { header: 'x-intercom-*' },
      { header: 'return-path', pattern: /[.@]intercom-mail\.com>?$/i },
      { header: 'reply-to', pattern: /[.@]intercom-mail\.com>?$/i },
      { header: 'message-id', pattern: /[.@]intercom-mail\.com>?$/i },
    ],
    source:
      'Intercom sends conversation mail from its intercom-mail.com domain (envelope and reply addresses, as listed by sender-classification projects); no header documentation found',
  },
]);
