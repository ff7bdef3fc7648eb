package so.cueflow.messages;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import so.cueflow.http.Times;
import so.cueflow.targeting.Targeting;

import java.time.LocalDate;

/** A message as stored; {@code content} and {@code targeting} are JSON text, the rules also parsed. */
@JsonPropertyOrder({"id", "name", "type", "status", "content", "targeting", "startDate", "endDate", "frequency",
        "priority", "createdAt", "updatedAt"})
public record Message(String id, String name, MessageType type, MessageStatus status, @JsonRawValue String content,
                      @JsonRawValue String targeting, @JsonIgnore Targeting rules, String startDate,
                      String endDate, Frequency frequency, int priority,
                      @JsonIgnore long createdAtMillis, @JsonIgnore long updatedAtMillis) {

    @JsonProperty("createdAt")
    public String createdAt() {
        return Times.format(createdAtMillis);
    }

    @JsonProperty("updatedAt")
    public String updatedAt() {
        return Times.format(updatedAtMillis);
    }

    /** Scheduled in whole UTC days, both ends included. */
    public boolean scheduledOn(LocalDate day) {
        return (startDate == null || !day.isBefore(LocalDate.parse(startDate)))
                && (endDate == null || !day.isAfter(LocalDate.parse(endDate)));
    }

    public Message with(MessageStatus newStatus, long now) {
        return new Message(id, name, type, newStatus, content, targeting, rules, startDate, endDate, frequency, priority,
                createdAtMillis, now);
    }
}
