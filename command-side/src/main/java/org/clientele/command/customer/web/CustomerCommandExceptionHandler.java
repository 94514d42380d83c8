package org.clientele.command.customer.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.clientele.command.customer.CustomerRejected;
import org.clientele.command.customer.RegisterContact;
import org.clientele.platform.axon.AggregateKindCheck;
import org.clientele.platform.web.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The write side's own outcomes as problems: an unknown customer, a broken rule, a lost race. */
@RestControllerAdvice(assignableTypes = CustomerCommandController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CustomerCommandExceptionHandler {

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> unknownCustomer(AggregateNotFoundException e, HttpServletRequest request) {
        return answer(
                HttpStatus.NOT_FOUND,
                "CUSTOMER_NOT_FOUND",
                "No customer " + e.getAggregateIdentifier() + " is registered.",
                request);
    }

    @ExceptionHandler(AggregateKindCheck.OtherKindOfAggregateException.class)
    ResponseEntity<ProblemDetail> otherKind(
            AggregateKindCheck.OtherKindOfAggregateException e, HttpServletRequest request) {
        if (e.commandType() == RegisterContact.class) {
            return answer(
                    HttpStatus.CONFLICT,
                    "ID_IN_USE",
                    "The id " + e.getAggregateIdentifier() + " is already used by another kind of record; "
                            + "register the customer with another id, or without one.",
                    request);
        }
        return unknownCustomer(e, request);
    }

    @ExceptionHandler(CustomerRejected.class)
    ResponseEntity<ProblemDetail> rejected(CustomerRejected e, HttpServletRequest request) {
        HttpStatus status = switch (e.rejection()) {
            case ALREADY_REGISTERED_DIFFERENTLY, CONSENT_CHANGE_OUT_OF_ORDER, MERGED -> HttpStatus.CONFLICT;
            case ERASED -> HttpStatus.GONE;
            default -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
        return answer(status, e.rejection().name(), e.getMessage(), request);
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrencyException e, HttpServletRequest request) {
        return answer(
                HttpStatus.CONFLICT,
                "CONCURRENT_MODIFICATION",
                "The customer kept changing while this command was retried; nothing was recorded. Try again.",
                request);
    }

    private static ResponseEntity<ProblemDetail> answer(
            HttpStatus status, String code, String detail, HttpServletRequest request) {
        return ProblemResponses.response(status, code, detail, List.of(), request.getRequestURI());
    }
}
