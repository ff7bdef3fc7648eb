package so.cueflow.events;

import java.util.Map;

/**
 * A validated event not yet stored. {@code properties} is its JSON text; {@code propertyTypes} maps
 * each property name to string, number or boolean, for the catalog.
 */
public record EventDraft(String workspaceId, String externalId, String eventKey, String properties,
                         Map<String, String> propertyTypes, long occurredAt, long createdAt, String eventId) {
}
