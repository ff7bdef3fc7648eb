package so.cueflow.dashboard;

import so.cueflow.attributes.Attribute;
import so.cueflow.attributes.AttributeStore;
import so.cueflow.attributes.AttributeType;
import so.cueflow.attributes.AttributeValidator;
import so.cueflow.contacts.ContactStore;
import so.cueflow.http.ApiError;

import java.time.Clock;
import java.util.List;

/** Data › Attributes: the registry of declared custom attributes, as /api/v1/attributes, with the same validation. */
public final class AttributePages {
    private final AttributeStore attributes;
    private final ContactStore contacts;
    private final Clock clock;

    AttributePages(AttributeStore attributes, ContactStore contacts, Clock clock) {
        this.attributes = attributes;
        this.contacts = contacts;
        this.clock = clock;
    }

    public record Registry(List<AttributeStore.Usage> rows, List<AttributeType> types, Form form) {
    }

    public record Delete(Attribute attribute, long contacts) {
    }

    void mount(PageRoutes routes) {
        routes.get("/w/:workspace/data/attributes", Access.MEMBER, request -> registry(request, Form.empty(), 200));
        routes.post("/w/:workspace/data/attributes", Access.MEMBER, this::create);
        routes.get("/w/:workspace/data/attributes/:key/delete", Access.MEMBER, this::confirmDelete);
        routes.post("/w/:workspace/data/attributes/:key/delete", Access.MEMBER, this::delete);
    }

    private Reply registry(PageRequest request, Form form, int status) {
        return new Reply.View(status, "Attributes", Section.DATA, "datasection/attributes.jte",
                new Registry(attributes.usage(request.workspace().id()), List.of(AttributeType.values()), form));
    }

    private Reply create(PageRequest request) {
        Form form = request.form();
        try {
            AttributeValidator.Declaration declaration = AttributeValidator.forCreate(form.trimmed("key"), form.trimmed("name"), form.trimmed("type"));
            Attribute attribute = new Attribute(declaration.key(), declaration.name(), declaration.type(), clock.millis());
            if (!attributes.create(request.workspace().id(), attribute)) throw AttributeValidator.alreadyDeclared(declaration.key());
        } catch (ApiError error) {
            error.details().forEach(problem -> form.reject(problem.field(), problem.message()));
            if (error.details().isEmpty()) form.reject("key", error.getMessage());
            return registry(request, form, error.status());
        }
        return Reply.redirect(Frame.workspaceHref(request.membership(), "data/attributes"));
    }

    private Attribute attribute(PageRequest request) {
        String key = request.param("key");
        return attributes.find(request.workspace().id(), key).orElseThrow(PageError::notFound);
    }

    private Reply confirmDelete(PageRequest request) {
        Attribute attribute = attribute(request);
        return Reply.page("Delete " + attribute.key(), Section.DATA, "datasection/attribute-delete.jte",
                new Delete(attribute, contacts.countWithAttribute(request.workspace().id(), attribute.key())));
    }

    private Reply delete(PageRequest request) {
        Attribute attribute = attribute(request);
        attributes.delete(request.workspace().id(), attribute.key());
        return Reply.redirect(Frame.workspaceHref(request.membership(), "data/attributes"));
    }
}
