using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Errors;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Domain;
using ProtoCertification = Longgang.Talent.Contracts.V1.Certification;

namespace Longgang.Talent.Grpc;

/// <summary>Objections during a certification's public notice: lodging one and ruling on it, as changes of the certification.</summary>
public sealed class ObjectionRequests(CertificationRequests certifications, TimeProvider clock)
{
    public async Task<LodgeObjectionResponse> LodgeAsync(LodgeObjectionRequest request, Caller caller, CancellationToken cancellationToken)
    {
        Domain.Objection? objection = null;
        var certification = await certifications.ChangeAsync(request.Id, caller,
            c => objection = c.LodgeObjection(request.Reason, caller, clock.GetUtcNow()), cancellationToken);
        // the objector learns only that the objection was taken, not the applicant's record
        return new LodgeObjectionResponse { ObjectionId = objection!.Id.ToString(), CertificationId = certification.Id, NoticeEndsOn = certification.NoticeEndsOn };
    }

    public Task<ProtoCertification> RuleAsync(RuleOnObjectionRequest request, Caller caller, CancellationToken cancellationToken) =>
        certifications.ChangeAsync(request.Id, caller, c =>
        {
            // the objection's id and the ruling are read here, before the domain sees them: so who may rule is asked
            // here first, as every transition does, and a refused caller learns nothing about the input
            CertificationAccess.EnsureTalentOffice(caller);
            var objectionId = RequestParsing.Id(request.ObjectionId, "objectionId", "an objection id");
            var uphold = request.Ruling switch
            {
                ObjectionRuling.Uphold => true,
                ObjectionRuling.Dismiss => false,
                _ => throw new ValidationFailedException("ruling", "must be {0} or {1}", ObjectionRuling.Uphold, ObjectionRuling.Dismiss),
            };
            c.RuleOnObjection(objectionId, uphold, request.Note, caller, clock.GetUtcNow());
        }, cancellationToken);
}
