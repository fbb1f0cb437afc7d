/* solace-contact-store.c — the people, professionals, groups and lines the person keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-contact-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "solace-contact-store.h"
#include "solace-error.h"
#include "solace-limits.h"
#include "solace-locale.h"
#include "solace-reminders.h"
#include "solace-utils.h"
#include "solace-writer.h"

/* ---- SolaceContact ------------------------------------------------- */

static const char * const field_names[] = { "name", "relationship", "phone", "email", "website", "notes" };
#define N_FIELDS G_N_ELEMENTS (field_names)

struct _SolaceContact
{
  GObject            parent_instance;

  char              *uuid;
  SolaceContactKind  kind;
  char              *fields[6];
  guint              good_for;
  gboolean           online;
  char              *next_session;    /* floating local, or NULL */
  int                session_remind;  /* minutes before, or -1 */
};

G_DEFINE_FINAL_TYPE (SolaceContact, solace_contact, G_TYPE_OBJECT)

static const struct {
  const char *key;
  const char *label;
} kinds[SOLACE_N_CONTACT_KINDS] = {
  [SOLACE_CONTACT_PERSON] = { "person", N_("Friend or family") },
  [SOLACE_CONTACT_THERAPIST] = { "therapist", N_("Therapist") },
  [SOLACE_CONTACT_SERVICE] = { "service", N_("Counselling service") },
  [SOLACE_CONTACT_GROUP] = { "group", N_("Support group") },
  [SOLACE_CONTACT_LINE] = { "line", N_("Crisis line") },
};

static int
field_index (const char *field)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (field_names[i], field) == 0)
      return i;
  return -1;
}

static void
solace_contact_finalize (GObject *object)
{
  SolaceContact *self = (SolaceContact *)object;

  g_free (self->uuid);
  g_free (self->next_session);
  for (guint i = 0; i < N_FIELDS; i++)
    g_free (self->fields[i]);

  G_OBJECT_CLASS (solace_contact_parent_class)->finalize (object);
}

static void
solace_contact_class_init (SolaceContactClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = solace_contact_finalize;
}

static void
solace_contact_init (SolaceContact *self)
{
  self->uuid = g_uuid_string_random ();
  self->session_remind = -1;
  for (guint i = 0; i < N_FIELDS; i++)
    self->fields[i] = g_strdup ("");
}

SolaceContact *
solace_contact_new (SolaceContactKind kind)
{
  SolaceContact *self = g_object_new (SOLACE_TYPE_CONTACT, NULL);

  self->kind = kind < SOLACE_N_CONTACT_KINDS ? kind : SOLACE_CONTACT_PERSON;
  return self;
}

SolaceContact *
solace_contact_copy (SolaceContact *self)
{
  SolaceContact *copy;

  g_return_val_if_fail (SOLACE_IS_CONTACT (self), NULL);

  copy = solace_contact_new (self->kind);
  solace_set_str (&copy->uuid, self->uuid);
  for (guint i = 0; i < N_FIELDS; i++)
    solace_set_str (&copy->fields[i], self->fields[i]);
  copy->good_for = self->good_for;
  copy->online = self->online;
  copy->next_session = g_strdup (self->next_session);
  copy->session_remind = self->session_remind;

  return copy;
}

const char *
solace_contact_get_uuid (SolaceContact *self)
{
  g_return_val_if_fail (SOLACE_IS_CONTACT (self), NULL);
  return self->uuid;
}

SolaceContactKind
solace_contact_get_kind (SolaceContact *self)
{
  g_return_val_if_fail (SOLACE_IS_CONTACT (self), SOLACE_CONTACT_PERSON);
  return self->kind;
}

void
solace_contact_set_kind (SolaceContact     *self,
                         SolaceContactKind  kind)
{
  g_return_if_fail (SOLACE_IS_CONTACT (self));
  g_return_if_fail (kind < SOLACE_N_CONTACT_KINDS);
  self->kind = kind;
}

const char *
solace_contact_get_field (SolaceContact *self,
                          const char    *field)
{
  int i;

  g_return_val_if_fail (SOLACE_IS_CONTACT (self), NULL);

  i = field_index (field);
  g_return_val_if_fail (i >= 0, NULL);
  return self->fields[i];
}

void
solace_contact_set_field (SolaceContact *self,
                          const char    *field,
                          const char    *value)
{
  int i;

  g_return_if_fail (SOLACE_IS_CONTACT (self));

  i = field_index (field);
  g_return_if_fail (i >= 0);
  solace_set_str (&self->fields[i], value != NULL ? value : "");
}

guint
solace_contact_get_good_for (SolaceContact *self)
{
  g_return_val_if_fail (SOLACE_IS_CONTACT (self), 0);
  return self->good_for;
}

void
solace_contact_set_good_for (SolaceContact *self,
                             guint          good_for)
{
  g_return_if_fail (SOLACE_IS_CONTACT (self));
  self->good_for = good_for & 7;
}

gboolean
solace_contact_get_online (SolaceContact *self)
{
  g_return_val_if_fail (SOLACE_IS_CONTACT (self), FALSE);
  return self->online;
}

void
solace_contact_set_online (SolaceContact *self,
                           gboolean       online)
{
  g_return_if_fail (SOLACE_IS_CONTACT (self));
  self->online = !!online;
}

const char *
solace_contact_get_next_session (SolaceContact *self)
{
  g_return_val_if_fail (SOLACE_IS_CONTACT (self), NULL);
  return self->next_session;
}

void
solace_contact_set_next_session (SolaceContact *self,
                                 const char    *when)
{
  g_return_if_fail (SOLACE_IS_CONTACT (self));
  solace_set_str (&self->next_session, when != NULL && *when != '\0' ? when : NULL);
}

int
solace_contact_get_session_remind (SolaceContact *self)
{
  g_return_val_if_fail (SOLACE_IS_CONTACT (self), -1);
  return self->session_remind;
}

void
solace_contact_set_session_remind (SolaceContact *self,
                                   int            minutes)
{
  g_return_if_fail (SOLACE_IS_CONTACT (self));
  self->session_remind = minutes >= 0 ? minutes : -1;
}

char *
solace_contact_dup_reminder_key (SolaceContact *self)
{
  g_return_val_if_fail (SOLACE_IS_CONTACT (self), NULL);
  return g_strconcat ("session:", self->uuid, NULL);
}

/* Reads a floating "YYYYMMDDTHHMMSS" as a wall-clock time, kept in UTC
 * only so that arithmetic on it is plain arithmetic. */
static GDateTime *
parse_floating (const char *text)
{
  int year, month, day, hour, minute, second;

  if (text == NULL || strlen (text) != 15 || text[8] != 'T')
    return NULL;
  for (guint i = 0; i < 15; i++)
    if (i != 8 && !g_ascii_isdigit (text[i]))
      return NULL;
  if (sscanf (text, "%4d%2d%2dT%2d%2d%2d", &year, &month, &day, &hour, &minute, &second) != 6)
    return NULL;

  return g_date_time_new_utc (year, month, day, hour, minute, second);
}

/**
 * solace_contact_dup_session_time:
 *
 * Returns: (transfer full) (nullable): the next session as a wall-clock
 *   date and time (in a UTC #GDateTime, to be read field by field), or
 *   %NULL when there is none.
 */
GDateTime *
solace_contact_dup_session_time (SolaceContact *self)
{
  g_return_val_if_fail (SOLACE_IS_CONTACT (self), NULL);
  return parse_floating (self->next_session);
}

/* The one-off schedule of a session's reminder: @minutes before it, in
 * local time.  UNTIL equal to the start makes a rule that happens once. */
static gboolean
session_schedule (const char  *next_session,
                  int          minutes,
                  char       **rrule,
                  char       **dtstart)
{
  g_autoptr(GDateTime) session = parse_floating (next_session);
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *start = NULL;

  if (session == NULL)
    return FALSE;

  at = g_date_time_add_minutes (session, -MAX (minutes, 0));
  start = g_date_time_format (at, "%Y%m%dT%H%M%S");
  *rrule = g_strconcat ("FREQ=DAILY;UNTIL=", start, NULL);
  *dtstart = g_steal_pointer (&start);

  return TRUE;
}

/* "+44 (0)20 7946-0958 ext" → "+4402079460958": what a dialler needs. */
static char *
phone_digits (const char *phone)
{
  GString *out = g_string_new (NULL);

  for (const char *p = phone; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (out, *p);
      else if (*p == '+' && out->len == 0)
        g_string_append_c (out, '+');
    }

  if (out->len == 0 || g_str_equal (out->str, "+"))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
plausible_email (const char *email)
{
  const char *at = strchr (email, '@');

  if (at == NULL || at == email || at[1] == '\0' || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = email; *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || *p == '<' || *p == '>')
      return FALSE;
  return g_utf8_validate (email, -1, NULL);
}

char *
solace_contact_dup_uri (SolaceContact       *self,
                        SolaceContactAction  action)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (SOLACE_IS_CONTACT (self), NULL);

  switch (action)
    {
    case SOLACE_CONTACT_CALL:
    case SOLACE_CONTACT_TEXT:
      clean = phone_digits (self->fields[2]);
      if (clean == NULL)
        return NULL;
      return g_strconcat (action == SOLACE_CONTACT_CALL ? "tel:" : "sms:", clean, NULL);

    case SOLACE_CONTACT_EMAIL:
      clean = g_strstrip (g_strdup (self->fields[3]));
      if (!plausible_email (clean))
        return NULL;
      {
        /* Everything but the address's own punctuation is escaped, so
         * "?", "#" or "&" can never add headers or a body. */
        g_autofree char *escaped = g_uri_escape_string (clean, "@.!$'*+-_~", FALSE);
        return g_strconcat ("mailto:", escaped, NULL);
      }

    case SOLACE_CONTACT_WEBSITE:
      {
        g_autoptr(GUri) uri = NULL;
        g_autofree char *with_scheme = NULL;

        clean = g_strstrip (g_strdup (self->fields[4]));
        if (*clean == '\0')
          return NULL;
        with_scheme = strstr (clean, "://") != NULL ? g_strdup (clean) : g_strconcat ("https://", clean, NULL);
        uri = g_uri_parse (with_scheme, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
        /* Only the web: no file:, javascript: or anything else. */
        if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
            (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
          return NULL;
        return g_uri_to_string (uri);
      }

    default:
      return NULL;
    }
}

const char *
solace_contact_kind_get_label (SolaceContactKind kind)
{
  g_return_val_if_fail (kind < SOLACE_N_CONTACT_KINDS, NULL);
  return _(kinds[kind].label);
}

gboolean
solace_contact_kind_is_professional (SolaceContactKind kind)
{
  return kind == SOLACE_CONTACT_THERAPIST || kind == SOLACE_CONTACT_SERVICE || kind == SOLACE_CONTACT_GROUP;
}

/* ---- Sessions' reminders ------------------------------------------- */

/* What a session's reminder says: who it is with and when. */
static void
session_reminder_text (SolaceReminder     *reminder,
                       const char * const *words,
                       guint               n_words,
                       gpointer            user_data)
{
  g_autoptr(SolaceContact) contact = solace_contact_new (SOLACE_CONTACT_THERAPIST);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  G_STATIC_ASSERT (SOLACE_REMINDER_SESSION_WORDS == 2);
  g_return_if_fail (n_words == SOLACE_REMINDER_SESSION_WORDS);

  solace_contact_set_next_session (contact, words[1]);
  when = solace_contact_dup_session_time (contact);
  /* Translators: a notification's title; %s is who the session is with. */
  title = g_strdup_printf (_("Session with %s"), words[0]);
  if (when != NULL)
    {
      /* Translators: the day of a session, in a notification. */
      g_autofree char *day = g_date_time_format (when, _("%A %-d %B"));
      g_autofree char *time = solace_format_time_of_day (when);

      /* Translators: the first %s is a day, the second a time. */
      body = g_strdup_printf (_("Your next session is on %s at %s."), day, time);
    }
  solace_reminder_set_text (reminder, title, body);
}

void
solace_contact_store_register_reminders (void)
{
  solace_reminders_register_subject (SOLACE_REMINDER_SESSION, session_reminder_text, NULL);
}

/* ---- SolaceContactStore ------------------------------------------- */

typedef struct
{
  SolaceContact *contact;   /* to write, or NULL */
  char          *removed;   /* uuid to delete, or NULL */
  GPtrArray     *order;     /* uuids in order */
  gint64         now;
} Job;

struct _SolaceContactStore
{
  GObject         parent_instance;

  SolaceDatabase *db;
  GPtrArray      *contacts;
  SolaceWriter   *writer;
};

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SolaceContactStore, solace_contact_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return SOLACE_TYPE_CONTACT;
}

static guint
get_n_items (GListModel *model)
{
  return SOLACE_CONTACT_STORE (model)->contacts->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  SolaceContactStore *self = SOLACE_CONTACT_STORE (model);

  return position < self->contacts->len ? g_object_ref (g_ptr_array_index (self->contacts, position)) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
job_free (Job *job)
{
  g_clear_object (&job->contact);
  g_free (job->removed);
  g_clear_pointer (&job->order, g_ptr_array_unref);
  g_free (job);
}

static gboolean
run_job (SolaceDatabase  *db,
         gpointer         data,
         GError         **error)
{
  Job *job = data;
  int rc;

  if (job->contact != NULL)
    {
      SolaceContact *c = job->contact;
      g_autoptr(sqlite3_stmt) stmt = solace_database_prepare (db,
        "INSERT INTO contact (uuid, kind, name, relationship, phone, email, website, notes, good_for, online,"
        "  created_at, updated_at, next_session, session_remind)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13)"
        " ON CONFLICT (uuid) DO UPDATE SET kind = excluded.kind, name = excluded.name,"
        "  relationship = excluded.relationship, phone = excluded.phone, email = excluded.email,"
        "  website = excluded.website, notes = excluded.notes, good_for = excluded.good_for,"
        "  online = excluded.online, updated_at = excluded.updated_at,"
        "  next_session = excluded.next_session, session_remind = excluded.session_remind", error);
      g_autofree char *key = solace_contact_dup_reminder_key (c);
      g_autofree char *rrule = NULL;
      g_autofree char *dtstart = NULL;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, c->uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, kinds[c->kind].key, -1, SQLITE_STATIC);
      for (guint i = 0; i < N_FIELDS; i++)
        sqlite3_bind_text (stmt, 3 + i, c->fields[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 9, c->good_for);
      sqlite3_bind_int (stmt, 10, c->online);
      sqlite3_bind_int64 (stmt, 11, job->now);
      if (c->next_session != NULL)
        sqlite3_bind_text (stmt, 12, c->next_session, -1, SQLITE_TRANSIENT);
      if (c->next_session != NULL && c->session_remind >= 0)
        sqlite3_bind_int (stmt, 13, c->session_remind);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          solace_database_set_error (db, error, rc, _("Saving a contact"));
          return FALSE;
        }

      if (c->session_remind >= 0 &&
          session_schedule (c->next_session, c->session_remind, &rrule, &dtstart))
        {
          if (!solace_reminders_put (db, key, SOLACE_REMINDER_SESSION, TRUE, rrule, dtstart, job->now, error))
            return FALSE;
        }
      else if (!solace_reminders_remove (db, key, error))
        return FALSE;
    }

  if (job->removed != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = solace_database_prepare (db, "DELETE FROM contact WHERE uuid = ?1", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, job->removed, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          solace_database_set_error (db, error, rc, _("Deleting a contact"));
          return FALSE;
        }

      {
        g_autofree char *key = g_strconcat ("session:", job->removed, NULL);

        if (!solace_reminders_remove (db, key, error))
          return FALSE;
      }
    }

  for (guint i = 0; job->order != NULL && i < job->order->len; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = solace_database_prepare (db, "UPDATE contact SET position = ?2 WHERE uuid = ?1", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (job->order, i), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, i + 1);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          solace_database_set_error (db, error, rc, _("Reordering contacts"));
          return FALSE;
        }
    }

  return TRUE;
}

static void
written_cb (GObject      *owner,
            const GError *error)
{
  if (error != NULL)
    g_signal_emit (owner, signals[FAILED], 0, error);
}

/* Queues @job with the order of every contact as it is now. */
static void
queue (SolaceContactStore *self,
       Job                *job)
{
  job->now = g_get_real_time () / G_USEC_PER_SEC;
  job->order = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->contacts->len; i++)
    g_ptr_array_add (job->order, g_strdup (((SolaceContact *) g_ptr_array_index (self->contacts, i))->uuid));

  solace_writer_push (self->writer, run_job, job, (GDestroyNotify) job_free);
}

static void
solace_contact_store_dispose (GObject *object)
{
  SolaceContactStore *self = (SolaceContactStore *)object;

  g_clear_pointer (&self->writer, solace_writer_free);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (solace_contact_store_parent_class)->dispose (object);
}

static void
solace_contact_store_finalize (GObject *object)
{
  SolaceContactStore *self = (SolaceContactStore *)object;

  g_clear_pointer (&self->contacts, g_ptr_array_unref);

  G_OBJECT_CLASS (solace_contact_store_parent_class)->finalize (object);
}

static void
solace_contact_store_class_init (SolaceContactStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = solace_contact_store_dispose;
  object_class->finalize = solace_contact_store_finalize;

  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
solace_contact_store_init (SolaceContactStore *self)
{
  self->contacts = g_ptr_array_new_with_free_func (g_object_unref);
}

SolaceContactStore *
solace_contact_store_new (SolaceDatabase  *db,
                          GError         **error)
{
  g_autoptr(SolaceContactStore) self = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);

  self = g_object_new (SOLACE_TYPE_CONTACT_STORE, NULL);
  self->db = g_object_ref (db);

  stmt = solace_database_prepare (db,
                                  "SELECT uuid, kind, name, relationship, phone, email, website, notes, good_for, online,"
                                  "  next_session, session_remind"
                                  " FROM contact ORDER BY position, id",
                                  error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SolaceContact *c = solace_contact_new (SOLACE_CONTACT_PERSON);
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);

      solace_set_str (&c->uuid, (const char *) sqlite3_column_text (stmt, 0));
      for (guint k = 0; k < SOLACE_N_CONTACT_KINDS; k++)
        if (g_strcmp0 (kinds[k].key, kind) == 0)
          c->kind = k;
      for (guint i = 0; i < N_FIELDS; i++)
        solace_set_str (&c->fields[i], (const char *) sqlite3_column_text (stmt, 2 + i));
      c->good_for = sqlite3_column_int (stmt, 8) & 7;
      c->online = sqlite3_column_int (stmt, 9) != 0;
      solace_set_str (&c->next_session, (const char *) sqlite3_column_text (stmt, 10));
      c->session_remind = sqlite3_column_type (stmt, 11) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 11);
      g_ptr_array_add (self->contacts, c);
    }
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Reading your contacts"));
      return NULL;
    }

  self->writer = solace_writer_new (db, G_OBJECT (self), written_cb, error);
  if (self->writer == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

static int
find (SolaceContactStore *self,
      const char         *uuid)
{
  for (guint i = 0; i < self->contacts->len; i++)
    if (g_strcmp0 (((SolaceContact *) g_ptr_array_index (self->contacts, i))->uuid, uuid) == 0)
      return i;
  return -1;
}

gboolean
solace_contact_store_save (SolaceContactStore  *self,
                           SolaceContact       *contact,
                           GError             **error)
{
  g_autofree char *name = NULL;
  g_autoptr(SolaceContact) stored = NULL;
  Job *job;
  int i;

  g_return_val_if_fail (SOLACE_IS_CONTACT_STORE (self), FALSE);
  g_return_val_if_fail (SOLACE_IS_CONTACT (contact), FALSE);

  name = g_strstrip (g_strdup (contact->fields[0]));
  if (*name == '\0')
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_INVALID, _("Give them a name."));
      return FALSE;
    }
  if (contact->next_session != NULL)
    {
      g_autofree char *rrule = NULL;
      g_autofree char *dtstart = NULL;
      g_autoptr(SolaceSchedule) schedule = NULL;

      if (!session_schedule (contact->next_session, 0, &rrule, &dtstart) ||
          (schedule = solace_schedule_new (rrule, dtstart, NULL)) == NULL)
        {
          g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                               _("The date of the next session could not be read."));
          return FALSE;
        }
    }
  if (contact->session_remind > 7 * 24 * 60)
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                           _("A session reminder can come at most a week before."));
      return FALSE;
    }
  for (guint f = 0; f < N_FIELDS; f++)
    if (!solace_text_fits (contact->fields[f], SOLACE_MAX_CONTACT_CHARS) ||
        !g_utf8_validate (contact->fields[f], -1, NULL))
      {
        g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "Each field can be up to %'d character; one is longer, so nothing was saved.",
                                  "Each field can be up to %'d characters; one is longer, so nothing was saved.",
                                  SOLACE_MAX_CONTACT_CHARS),
                     SOLACE_MAX_CONTACT_CHARS);
        return FALSE;
      }

  /* Only professionals and groups have sessions. */
  stored = solace_contact_copy (contact);
  if (!solace_contact_kind_is_professional (stored->kind))
    {
      g_clear_pointer (&stored->next_session, g_free);
      stored->session_remind = -1;
    }

  i = find (self, contact->uuid);
  if (i >= 0)
    {
      g_autoptr(SolaceContact) old = g_ptr_array_index (self->contacts, i);

      g_ptr_array_index (self->contacts, i) = solace_contact_copy (stored);
      g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
    }
  else
    {
      g_ptr_array_add (self->contacts, solace_contact_copy (stored));
      g_list_model_items_changed (G_LIST_MODEL (self), self->contacts->len - 1, 0, 1);
    }

  job = g_new0 (Job, 1);
  job->contact = g_steal_pointer (&stored);
  queue (self, job);

  return TRUE;
}

int
solace_contact_store_remove (SolaceContactStore *self,
                             const char         *uuid_)
{
  /* @uuid_ may belong to the contact about to go, and with it the row
   * that passed it in. */
  g_autofree char *uuid = g_strdup (uuid_);
  Job *job;
  int i;

  g_return_val_if_fail (SOLACE_IS_CONTACT_STORE (self), -1);

  i = find (self, uuid);
  if (i < 0)
    return -1;

  g_ptr_array_remove_index (self->contacts, i);
  g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);

  job = g_new0 (Job, 1);
  job->removed = g_steal_pointer (&uuid);
  queue (self, job);

  return i;
}

void
solace_contact_store_restore (SolaceContactStore *self,
                              SolaceContact      *contact,
                              int                 position)
{
  Job *job;

  g_return_if_fail (SOLACE_IS_CONTACT_STORE (self));
  g_return_if_fail (SOLACE_IS_CONTACT (contact));

  if (find (self, contact->uuid) >= 0)
    return;

  position = CLAMP (position, 0, (int) self->contacts->len);
  g_ptr_array_insert (self->contacts, position, solace_contact_copy (contact));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);

  job = g_new0 (Job, 1);
  job->contact = solace_contact_copy (contact);
  queue (self, job);
}

void
solace_contact_store_move_to (SolaceContactStore *self,
                              const char         *uuid,
                              const char         *target)
{
  int from, to;
  gpointer item;

  g_return_if_fail (SOLACE_IS_CONTACT_STORE (self));

  from = find (self, uuid);
  to = find (self, target);
  if (from < 0 || to < 0 || from == to)
    return;

  item = g_ptr_array_steal_index (self->contacts, from);
  g_ptr_array_insert (self->contacts, to, item);
  g_list_model_items_changed (G_LIST_MODEL (self), MIN (from, to), ABS (to - from) + 1, ABS (to - from) + 1);

  queue (self, g_new0 (Job, 1));
}

SolaceContact *
solace_contact_store_lookup (SolaceContactStore *self,
                             const char         *uuid)
{
  int i;

  g_return_val_if_fail (SOLACE_IS_CONTACT_STORE (self), NULL);

  i = find (self, uuid);
  return i >= 0 ? g_ptr_array_index (self->contacts, i) : NULL;
}

void
solace_contact_store_flush (SolaceContactStore *self)
{
  g_return_if_fail (SOLACE_IS_CONTACT_STORE (self));

  solace_writer_flush (self->writer);
}
