// PetClinic: submit the search form when the pet type changes.
document.addEventListener('DOMContentLoaded', function () {
  var type = document.getElementById('type');
  if (type) {
    type.addEventListener('change', function () { type.form.submit(); });
  }
});
