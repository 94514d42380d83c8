package org.clientele.command.campaign.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.clientele.command.campaign.CampaignRejected;
import org.clientele.platform.web.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A broken campaign rule as a problem: 409 for a closed campaign, 422 for the rest. */
@RestControllerAdvice(assignableTypes = CampaignController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CampaignExceptionHandler {

    @ExceptionHandler(CampaignRejected.class)
    ResponseEntity<ProblemDetail> rejected(CampaignRejected e, HttpServletRequest request) {
        HttpStatus status = "CAMPAIGN_CLOSED".equals(e.code()) ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
        return ProblemResponses.response(status, e.code(), e.getMessage(), List.of(), request.getRequestURI());
    }
}
