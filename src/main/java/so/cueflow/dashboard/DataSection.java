package so.cueflow.dashboard;

import so.cueflow.attributes.AttributeStore;
import so.cueflow.contacts.ContactListStore;
import so.cueflow.contacts.ContactStore;
import so.cueflow.events.EventDayStore;
import so.cueflow.events.EventNameStore;
import so.cueflow.events.EventStore;
import so.cueflow.messages.AudienceScan;
import so.cueflow.messages.Eligibility;
import so.cueflow.messages.MessageStore;
import so.cueflow.messages.PublishedMessages;
import so.cueflow.messages.Subjects;
import so.cueflow.storage.Database;

import java.time.Clock;

/** The Overview, Contacts and Data pages, wired to the feature stores they read (one list entry in {@link Dashboard}). */
final class DataSection {
    private final OverviewPages overview;
    private final ContactListPages contactList;
    private final ContactPages contact;
    private final DataPages data;
    private final AttributePages attributes;

    DataSection(Database database, Clock clock) {
        ContactStore contacts = new ContactStore(database);
        ContactListStore contactList = new ContactListStore(database);
        EventStore events = new EventStore(database);
        EventDayStore days = new EventDayStore(database);
        AttributeStore attributeStore = new AttributeStore(database, contacts);
        MessageStore messages = new MessageStore(database);
        Eligibility eligibility = new Eligibility(new PublishedMessages(messages, clock), messages, contacts, new Subjects(events), clock);
        this.overview = new OverviewPages(days, contactList, clock);
        this.contactList = new ContactListPages(contactList, new AudienceScan(database, clock), attributeStore, days, clock);
        this.contact = new ContactPages(contactList, contacts, events, attributeStore, eligibility, messages, clock);
        this.data = new DataPages(events, new EventNameStore(database), days, clock);
        this.attributes = new AttributePages(attributeStore, contacts, clock);
    }

    void mount(PageRoutes routes) {
        overview.mount(routes);
        contactList.mount(routes);   // before the contact page: "export.csv" is not a contact id
        contact.mount(routes);
        data.mount(routes);
        attributes.mount(routes);
    }
}
