package nemo.mqtt.emitter.api;

import java.util.Map;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Every error answer of this API is a {@link Problem}. In the OpenAPI document an operation that
 * requires the bearer token ({@link ApiTokenRequired#SCHEME}) answers 401, and every error response
 * (4xx, 5xx) declared without content gets {@value Problem#MEDIA_TYPE} with the Problem schema, so
 * an operation's annotations say only the status and what it means.
 */
@OpenApiFilter
public class ProblemAnswers implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return operation;
        }
        boolean guarded = operation.getSecurity() != null
                && operation.getSecurity().stream()
                        .anyMatch(requirement -> requirement.hasScheme(ApiTokenRequired.SCHEME));
        if (guarded && !responses.hasAPIResponse("401")) {
            responses.addAPIResponse(
                    "401", OASFactory.createAPIResponse().description("Missing or invalid bearer token"));
        }
        for (Map.Entry<String, APIResponse> answer : responses.getAPIResponses().entrySet()) {
            APIResponse response = answer.getValue();
            boolean error = answer.getKey().startsWith("4") || answer.getKey().startsWith("5");
            if (error
                    && (response.getContent() == null
                            || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(OASFactory.createContent()
                        .addMediaType(
                                Problem.MEDIA_TYPE,
                                OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref("Problem"))));
            }
        }
        return operation;
    }
}
